import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES } from "@/lib/i18n/client-namespaces.generated";
import { computeClientNamespaces, GENERATED_FILE, renderGeneratedFile } from "./client-namespaces";

// The browser's messages are sent per layout (components/i18n/client-messages.tsx). A client
// component that names a namespace no layout above it sends would show its keys instead of
// words: these keep the table true to the code.

const root = path.resolve(__dirname, "..");

function layoutFiles(dir = path.join(root, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return layoutFiles(full);
    return entry.name === "layout.tsx" ? [path.relative(root, full)] : [];
  });
}

/** What the browser holds on a page below `layout`: its namespaces and every ancestor layout's. */
function sentDownTo(layout: string): Set<string> {
  const table = CLIENT_NAMESPACES as Record<string, readonly string[]>;
  return new Set(Object.keys(table).filter((other) => layout.startsWith(path.dirname(other) + "/")).flatMap((other) => table[other]));
}

describe("the browser's messages per layout", () => {
  it("the table is the one the code asks for (run `npm run i18n:namespaces` after adding a namespace to a client component)", () => {
    expect(readFileSync(GENERATED_FILE, "utf8")).toBe(renderGeneratedFile(computeClientNamespaces()));
  });

  it("every layout sends its own row of the table", () => {
    const layouts = layoutFiles().sort();
    expect(Object.keys(CLIENT_NAMESPACES).sort()).toEqual(layouts);
    for (const layout of layouts) expect(readFileSync(path.join(root, layout), "utf8"), layout).toContain(`"${layout}"`);
  });

  it("a page holds its own area's strings and not the whole catalog", () => {
    const overview = sentDownTo("app/(console)/[org]/(overview)/layout.tsx");
    expect([...overview]).toEqual(expect.arrayContaining(["common", "nav", "overview", "notifications", "help"]));
    for (const elsewhere of ["billing", "clusters", "settings", "staff", "attestations"]) expect(overview.has(elsewhere), elsewhere).toBe(false);
    const clusters = sentDownTo("app/(console)/[org]/clusters/layout.tsx");
    expect([...clusters]).toEqual(expect.arrayContaining(["common", "nav", "clusters"]));
    for (const elsewhere of ["billing", "overview"]) expect(clusters.has(elsewhere), elsewhere).toBe(false);
    // The shell every console page shares sends the shell's strings only.
    expect([...sentDownTo("app/(console)/[org]/status/layout.tsx")].sort()).toEqual(["common", "errors", "help", "nav", "notifications"]);
  });

  it("refuses a translator whose namespace cannot be read from the code", async () => {
    const { namespacesNamedIn } = await import("./client-namespaces");
    const known = new Set(["clusters", "nav"]);
    expect(namespacesNamedIn("a.tsx", 'const t = useTranslations("clusters.wizard");', known)).toEqual(["clusters"]);
    expect(() => namespacesNamedIn("a.tsx", "const t = useTranslations();", known)).toThrow(/name the namespace/);
    expect(() => namespacesNamedIn("a.tsx", "const t = useTranslations(area);", known)).toThrow(/name the namespace/);
    expect(() => namespacesNamedIn("a.tsx", 'const t = useTranslations("nope");', known)).toThrow(/no message namespace/);
  });
});
