import "server-only";
import { createHash } from "node:crypto";
import PDFDocument from "pdfkit";
import { fontBytes, fontPath } from "@/lib/pdf/japanese-fonts";
import { ATTESTATION_JWKS_PATH, type Attestation, type AttestationClaims } from "@/lib/domain/attestation";
import { APPRAISAL_LABEL, certificateFacts, groupFingerprint } from "./certificate-facts";

// The residency certificate as a PDF (A4, Japanese with English). It summarises the signed
// statement and carries the JWS's SHA-256, so a reader can tie the paper to the statement that
// is the actual evidence. Only the Japanese font is used — no standard PDF fonts — because the
// web subsets lack glyphs and pdfkit's built-in fonts need data files a bundler may not copy.

export function jwsSha256(jws: string): string {
  return createHash("sha256").update(jws, "ascii").digest("hex");
}

export interface RenderAttestationPdfInput {
  attestation: Attestation;
  claims: AttestationClaims;
  resourceName?: string;
  orgName?: string;
}

const STATUS_COLOR = { affirming: "#1a7f37", warning: "#9a6700", contraindicated: "#cf222e" } as const;
const INK = "#1f2328";
const MUTED = "#59636e";

export async function renderAttestationPdf(input: RenderAttestationPdfInput): Promise<Buffer> {
  const { attestation, claims } = input;
  const issuedAt = new Date(claims.iat * 1000);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 48, bottom: 48, left: 50, right: 50 },
    font: fontPath("regular"),
    // A fixed creation date (the issue time) keeps the document the same for the same statement.
    info: {
      Title: `データ所在証明書 Residency Attestation ${claims.jti}`,
      Author: claims.operator.legal_name,
      Subject: claims.sub,
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  doc.registerFont("jp", fontBytes("regular"));
  doc.registerFont("jp-bold", fontBytes("bold"));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font("jp-bold").fontSize(20).fillColor(INK).text("データ所在証明書", left, 48);
  doc.font("jp").fontSize(11).fillColor(MUTED).text("Residency Attestation Certificate");
  doc.moveDown(0.6);

  const status = APPRAISAL_LABEL[claims.appraisal.status];
  const boxY = doc.y;
  doc.roundedRect(left, boxY, width, 30, 4).fillAndStroke("#f6f8fa", STATUS_COLOR[claims.appraisal.status]);
  doc
    .font("jp-bold")
    .fontSize(13)
    .fillColor(STATUS_COLOR[claims.appraisal.status])
    .text(`判定：${status.ja}\u3000Appraisal: ${status.en}`, left + 12, boxY + 8, { width: width - 24 });
  doc.y = boxY + 42;

  const labelWidth = 150;
  const valueX = left + labelWidth + 10;
  const valueWidth = width - labelWidth - 10;
  const facts = certificateFacts(input);
  for (const fact of facts) {
    doc.font("jp").fontSize(9.5);
    const valueText = fact.lines.join("\n");
    const valueHeight = doc.heightOfString(valueText, { width: valueWidth, lineGap: 1 });
    const rowHeight = Math.max(valueHeight, 24) + 6;
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc.font("jp-bold").fontSize(9.5).fillColor(INK).text(fact.labelJa, left, y, { width: labelWidth });
    doc.font("jp").fontSize(8).fillColor(MUTED).text(fact.labelEn, left, doc.y, { width: labelWidth });
    doc.font("jp").fontSize(9.5).fillColor(INK).text(valueText, valueX, y, { width: valueWidth, lineGap: 1 });
    doc.y = y + rowHeight;
    doc.moveTo(left, doc.y - 4).lineTo(left + width, doc.y - 4).lineWidth(0.5).strokeColor("#d0d7de").stroke();
  }

  // The fingerprint gets the full width, on one line, so it can be read (and copied) whole.
  doc.moveDown(0.4);
  doc.font("jp-bold").fontSize(9.5).fillColor(INK).text("JWSのSHA-256フィンガープリント / JWS SHA-256 fingerprint", left, doc.y, { width });
  doc.font("jp").fontSize(10.5).fillColor(INK).text(groupFingerprint(jwsSha256(attestation.jws)), left, doc.y + 2, { width, characterSpacing: 0.3 });

  doc.moveDown(1);
  const jwksUrl = claims.iss.startsWith("https://") ? `${claims.iss}${ATTESTATION_JWKS_PATH}` : ATTESTATION_JWKS_PATH;
  doc
    .font("jp-bold")
    .fontSize(9.5)
    .fillColor(INK)
    .text("検証方法 / How to verify", left, doc.y, { width });
  doc
    .font("jp")
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      "本書は署名付き証明（JWS、ES256）の要約です。証拠となるのは署名付き証明そのものです。" +
        `公開鍵（${jwksUrl}）で署名を検証し、JWSのSHA-256が上記と一致することを確認してください。`,
      { width },
    )
    .text(
      "This certificate summarises a signed statement (JWS, ES256); the statement itself is the evidence. " +
        `Verify its signature with the published keys (${jwksUrl}) and check that its SHA-256 matches the fingerprint above.`,
      { width },
    );

  doc.end();
  return done;
}
