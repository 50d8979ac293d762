import { expect } from "@playwright/test";
import { serverLog } from "./server-log";

// The invitee's mailbox, as the embedded default delivers it: without SMTP, the console prints
// each message to an address into its log (scripts/e2e-server.mjs keeps that log in a file).
// A journey reads the message there exactly as the operator would, and nothing else: the
// inviter's screens and API responses never carry the link. Each worker has its own console,
// hence its own log (e2e/worker-servers.ts).

function messagesTo(address: string): string[] {
  const log = serverLog();
  const blocks: string[] = [];
  const start = `[mail] To: ${address} `;
  for (let at = log.indexOf(start); at >= 0; at = log.indexOf(start, at + 1)) {
    const end = log.indexOf(`[/mail] ${address}`, at);
    if (end > at) blocks.push(log.slice(at, end));
  }
  return blocks;
}

/** Waits for the newest message to `address` and returns it (subject and text). */
export async function newestMailTo(address: string, count = 1): Promise<string> {
  let found: string[] = [];
  await expect.poll(() => (found = messagesTo(address)).length, { timeout: 20_000, message: `mail to ${address} in the server log` }).toBeGreaterThanOrEqual(count);
  return found[found.length - 1];
}

/** The invitation link in the newest message to `address`, as a path on the console. */
export async function invitationLinkMailedTo(address: string, count = 1): Promise<string> {
  const mail = await newestMailTo(address, count);
  const match = mail.match(/https?:\/\/[^\s/]+(\/invite\/hkinv_[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no invitation link in the mail to ${address}`);
  return match[1];
}
