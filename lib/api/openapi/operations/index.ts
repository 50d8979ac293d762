import type { ApiOperation } from "../types";
import { foundationOperations } from "./foundation";
import { catalogOperations } from "./catalog";
import { attestationOperations } from "./attestations";
import { billingOperations } from "./billing";

// Each capability documents its operations in its own file; this list gathers them.
export const API_OPERATIONS: ApiOperation[] = [...foundationOperations, ...catalogOperations, ...attestationOperations, ...billingOperations];
