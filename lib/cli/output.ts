import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime } from "@/lib/i18n/format";

// What the CLI prints: aligned tables for people (column widths counted in terminal cells, so
// Japanese lines up), JSON for scripts (--json, always the API's own shapes), and one progress
// line on stderr while a long-running operation is followed.

/** Terminal cells of a string: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f)) continue;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));

export function renderTable(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((row) => row.map((v) => (v === null || v === undefined || v === "" ? "-" : String(v))));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ""))));
  const line = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : pad(c, widths[i]))).join("  ").trimEnd();
  return [line(headers), ...cells.map(line)].join("\n");
}

export function renderFields(pairs: Array<[string, string | number | null | undefined]>): string {
  const width = Math.max(...pairs.map(([k]) => displayWidth(k)));
  return pairs.map(([k, v]) => `${pad(k, width)}  ${v === null || v === undefined || v === "" ? "-" : v}`).join("\n");
}

export const when = (iso: string | null | undefined, locale: Locale) => (iso ? formatDateTime(iso, locale) : null);

export interface Output {
  json: boolean;
  locale: Locale;
  /** Prints the API's value as JSON with --json, else the human rendering. */
  print(value: unknown, human: () => string): void;
  info(message: string): void;
  /** A line on stderr that rewrites itself on a terminal (one line per change otherwise). */
  progress(message: string): void;
  endProgress(): void;
}

export function createOutput(json: boolean, locale: Locale, stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Output {
  let last = "";
  let open = false;
  return {
    json,
    locale,
    print(value, human) {
      stdout.write((json ? JSON.stringify(value, null, 2) : human()) + "\n");
    },
    info(message) {
      stderr.write(message + "\n");
    },
    progress(message) {
      if (message === last) return;
      last = message;
      if (stderr.isTTY) {
        stderr.write(`\r\x1b[2K${message}`);
        open = true;
      } else stderr.write(message + "\n");
    },
    endProgress() {
      if (open) stderr.write("\n");
      open = false;
      last = "";
    },
  };
}
