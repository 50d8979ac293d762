import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/services/demo/demo-accounts";

export function printBanner(url: string, driver: string, dataDir: string, controlPlane: string): void {
  const lines = [
    "",
    "  Hinoki console — ヒノキ GPUクラウド コンソール",
    `  URL:            ${url}`,
    `  Database:       ${driver}${driver === "pglite" ? ` (${dataDir})` : ""}`,
    `  Control plane:  ${controlPlane}`,
    "",
    `  Demo sign-ins (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map((u) => `    ${u.email.padEnd(34)} ${u.role ?? u.staffRole}${u.org ? ` @ ${u.org}` : ""}`),
    "",
  ];
  console.log(lines.join("\n"));
}
