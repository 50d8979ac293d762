import type { ApiOperation } from "../types";
import { foundationOperations } from "./foundation";
import { staffOperations } from "./staff";
import { catalogOperations } from "./catalog";
import { attestationOperations } from "./attestations";
import { billingOperations } from "./billing";
import { endpointOperations } from "./endpoints";
import { clusterOperations } from "./clusters";
import { longRunningOperations } from "./long-running";
import { ssoOperations } from "./sso";
import { signInSecurityOperations } from "./sign-in-security";
import { telemetryOperations } from "./telemetry";
import { endpointKeyUsageOperations } from "./endpoint-key-usage";
import { endpointScalingOperations } from "./endpoint-scaling";
import { liveEventOperations } from "./live-events";
import { reservationOperations } from "./reservations";
import { costCenterArchiveOperations } from "./cost-centers-archive";
import { approvalOperations } from "./approvals";
import { adapterOperations } from "./adapters";
import { staffApprovalOperations } from "./staff-approvals";

// Each capability documents its operations in its own file; this list gathers them.
export const API_OPERATIONS: ApiOperation[] = [
  ...foundationOperations,
  ...staffOperations,
  ...catalogOperations,
  ...attestationOperations,
  ...billingOperations,
  ...endpointOperations,
  ...clusterOperations,
  ...longRunningOperations,
  ...ssoOperations,
  ...signInSecurityOperations,
  ...reservationOperations,
  ...liveEventOperations,
  ...costCenterArchiveOperations,
  ...approvalOperations,
  ...telemetryOperations,
  ...endpointKeyUsageOperations,
  ...adapterOperations,
  ...endpointScalingOperations,
  ...staffApprovalOperations,
];
