import { readFileSync } from "node:fs";
import { workerServers } from "./worker-servers";

// What the operator reads: the console's log. A refusal the product answers on purpose (another
// org's page is a 404, a session the org's policy asks more of is sent to say why) is not a
// server error, and must not be logged as one — an operator alerting on errors would be paged by
// every probe. Journeys of this worker run one at a time on its own console, so the log between
// two marks is theirs.

/** Where the log ends now. */
export function serverLogMark(): number {
  return readFileSync(workerServers().logPath).length;
}

/** The lines the server logged as errors after `mark` (Next prints a failed render with ⨯). */
export function serverErrorsSince(mark: number): string[] {
  const text = readFileSync(workerServers().logPath).subarray(mark).toString("utf8");
  return text.split("\n").filter((line) => line.includes("⨯"));
}
