import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";

// A Chromium whose machine has, or has not, a Japanese font installed — the two cases the font
// stack (app/globals.css) must serve — without installing anything: Chromium on Linux finds its
// fonts through fontconfig, and FONTCONFIG_FILE points it at a configuration of our own. "With"
// adds Noto Sans JP's own TTFs (400, 500, 700; the package the invoice PDFs already embed from),
// as a Linux desktop with Noto Sans JP installed has them; "without" rejects every font that
// covers Japanese, whatever the machine running the test has installed.

const NOTO = path.resolve(process.cwd(), "node_modules/@expo-google-fonts/noto-sans-jp");

export type JapaneseFont = "installed" | "none";

function fontconfig(dir: string, japanese: JapaneseFont): string {
  mkdirSync(dir, { recursive: true });
  const dirs = japanese === "installed" ? ["400Regular", "500Medium", "700Bold"].map((w) => `  <dir>${path.join(NOTO, w)}</dir>`) : [];
  const reject = japanese === "none" ? `  <selectfont><rejectfont><pattern><patelt name="lang"><string>ja</string></patelt></pattern></rejectfont></selectfont>` : "";
  const file = path.join(dir, `fonts-${japanese}.conf`);
  writeFileSync(
    file,
    [
      `<?xml version="1.0"?>`,
      `<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">`,
      `<fontconfig>`,
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>`,
      ...dirs,
      reject,
      `  <cachedir>${path.join(dir, "fontconfig-cache")}</cachedir>`,
      `</fontconfig>`,
      "",
    ].join("\n"),
  );
  return file;
}

/** Debian's Chromium with the given fonts; `dir` holds the configuration (a test's output dir). */
export function launchWithJapaneseFont(japanese: JapaneseFont, dir: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    env: { ...process.env, FONTCONFIG_FILE: fontconfig(dir, japanese) } as Record<string, string>,
  });
}
