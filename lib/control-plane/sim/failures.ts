import { createHash } from "node:crypto";
import type { FailureInjection } from "./config";

// Failure injection. Decided once, when an operation starts, and stored with it, so a restart
// neither forgets a planned failure nor rolls the dice again.

/** A stable number in [0, 1) per operation: the same operation always gets the same draw. */
function draw(operationId: string): number {
  return createHash("sha256").update(operationId).digest().readUInt32BE(0) / 2 ** 32;
}

export function shouldFail(failures: FailureInjection, resource: { id: string; name: string }, operationId: string): boolean {
  if (failures.targets.includes(resource.id) || failures.targets.includes(resource.name)) return true;
  return failures.rate > 0 && draw(operationId) < failures.rate;
}

/** What a failed boot says: concrete enough to read like a real incident. */
export function bootFailureMessage(hostname: string | undefined): string {
  const where = hostname ? `node ${hostname}` : "a node";
  return `${where} failed its health check while booting (GPU reported Xid 79: fallen off the bus); its capacity was released`;
}
