import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

// Japanese PDFs need a complete font file (the web font packages ship unicode-range subsets).
// @expo-google-fonts/noto-sans-jp ships whole TTFs per weight; pdfkit embeds only the glyphs used.
// Resolved from the working directory rather than require.resolve, which Next's bundler rewrites;
// HINOKI_PDF_FONT_DIR overrides it for unusual layouts. Shared by every PDF the console renders
// (invoices, attestation certificates). The turbopackIgnore markers tell Next's tracer these
// reads are of this one package folder, not of the whole project.

const PACKAGE_DIR = path.join("node_modules", "@expo-google-fonts", "noto-sans-jp");
const FILES = {
  regular: path.join("400Regular", "NotoSansJP_400Regular.ttf"),
  bold: path.join("700Bold", "NotoSansJP_700Bold.ttf"),
} as const;

export type FontWeight = keyof typeof FILES;

const cache = new Map<FontWeight, Buffer>();

export function fontPath(weight: FontWeight): string {
  const dir = process.env.HINOKI_PDF_FONT_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), PACKAGE_DIR);
  return path.join(/*turbopackIgnore: true*/ dir, FILES[weight]);
}

/** The font file's bytes, read once per process (≈ 5 MB each). */
export function fontBytes(weight: FontWeight): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(/*turbopackIgnore: true*/ fontPath(weight));
    cache.set(weight, bytes);
  }
  return bytes;
}
