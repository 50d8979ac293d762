import { writeFileSync } from "node:fs";
import path from "node:path";
import { computeClientNamespaces, GENERATED_FILE, renderGeneratedFile } from "./client-namespaces";

// `npm run i18n:namespaces`: rewrites which message namespaces each layout sends to the browser.
writeFileSync(GENERATED_FILE, renderGeneratedFile(computeClientNamespaces()));
console.log(`wrote ${path.relative(process.cwd(), GENERATED_FILE)}`);
