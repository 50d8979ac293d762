import "server-only";
import { AppError } from "@/lib/domain/errors";
import { adapterOperations } from "../adapters/adapter-operations";
import { clusterOperations } from "../clusters/cluster-operations";
import { endpointOperations } from "../endpoints/endpoint-operations";
import { reservationOperations } from "../reservations/reservation-operations";
import type { OperationAdapter } from "./adapter";

// Every resource kind with long-running operations, by `target_kind`. Adding one is one adapter
// file and one line here (README.md in this folder).

export const OPERATION_ADAPTERS: Record<string, OperationAdapter> = {
  cluster: clusterOperations,
  endpoint: endpointOperations,
  reservation: reservationOperations,
  adapter: adapterOperations,
};

export function adapterFor(targetKind: string): OperationAdapter {
  const adapter = OPERATION_ADAPTERS[targetKind] as OperationAdapter | undefined;
  if (!adapter) throw new AppError("internal", `no operations adapter for ${targetKind}`);
  return adapter;
}
