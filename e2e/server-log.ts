import { closeSync, openSync, readSync, statSync } from "node:fs";
import { workerServers } from "./worker-servers";

// What the operator reads: the console's log. A refusal the product answers on purpose (another
// org's page is a 404, a session the org's policy asks more of is sent to say why) is not a
// server error, and must not be logged as one — an operator alerting on errors would be paged by
// every probe. Journeys of this worker run one at a time on its own console, so the log between
// two marks is theirs.

/** Where the log ends now. */
export function serverLogMark(): number {
  return statSync(workerServers().logPath).size;
}

/** The server's log after `mark` (all of it by default); only that part is read (every journey asks). */
export function serverLog(mark = 0): string {
  const path = workerServers().logPath;
  const length = Math.max(0, statSync(path).size - mark);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, mark + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** The server's log lines after `mark`. */
export function serverLinesSince(mark: number): string[] {
  return serverLog(mark).split("\n");
}

/** The lines the server logged as errors after `mark` (Next prints a failed render with ⨯, Auth.js an error with [auth][error]). */
export function serverErrorsSince(mark: number): string[] {
  return serverLinesSince(mark).filter((line) => line.includes("⨯") || line.includes("[auth][error]"));
}
