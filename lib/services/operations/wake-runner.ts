import { processSingleton } from "@/lib/server/process-singleton";

// The in-process signal that starts the operations runner's round at once when an operation was
// recorded in this process, so the person who just clicked waits for the control plane and not
// for a polling interval. Other instances find the operation on their next tick.

const listeners = () => processSingleton("operations.wake", () => new Set<() => void>());

export function onOperationRecorded(listener: () => void): void {
  listeners().add(listener);
}

export function wakeOperationsRunner(): void {
  for (const listener of listeners()) listener();
}
