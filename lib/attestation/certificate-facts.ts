import type { Attestation, AttestationClaims, AppraisalReasonCode, AppraisalStatus } from "@/lib/domain/attestation";
import { findCatalogFacility } from "@/lib/domain/attestation-policy";
import { findRegion, OPERATOR } from "@/lib/domain/catalog";

// What the certificate PDF says, as data: label (ja, en) and value lines. Kept apart from the
// layout so the wording can be read and tested without a PDF, and the layout stays dumb.

export interface CertificateFact {
  labelJa: string;
  labelEn: string;
  lines: string[];
}

export interface CertificateFactsInput {
  attestation: Attestation;
  claims: AttestationClaims;
  resourceName?: string;
  orgName?: string;
}

export const APPRAISAL_LABEL: Record<AppraisalStatus, { ja: string; en: string }> = {
  affirming: { ja: "適合", en: "Affirming" },
  warning: { ja: "要確認", en: "Warning" },
  contraindicated: { ja: "不適合", en: "Contraindicated" },
};

const REASON_LABEL: Record<AppraisalReasonCode, string> = {
  no_hardware: "GPUの証明なし / no GPU attested",
  nras_not_run: "NRAS未実施 / NRAS not run",
  nras_failed: "NRAS不合格 / NRAS failed",
  cc_off: "CCモード無効 / confidential computing off",
  cc_devtools: "CCモードがdevtools / CC in devtools mode",
  facility_outside_japan: "国外の施設 / facility outside Japan",
  facility_unknown: "不明な施設 / unknown facility",
  data_plane_outside_japan: "国外のデータ保存先 / data plane outside Japan",
  data_plane_unknown: "不明なデータ保存先 / unknown data plane location",
};

/** Japan has observed no daylight saving time since 1951, so JST is always UTC+9. */
export function formatJst(epochSeconds: number): string {
  const d = new Date((epochSeconds + 9 * 3600) * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} JST`
  );
}

/** 64 hex digits in 8 groups, so a person can compare it by eye. */
export function groupFingerprint(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(" ") ?? hex;
}

function facilityLine(id: string): string {
  const f = findCatalogFacility(id);
  return f ? `${f.nameJa}（${f.prefectureJa}, ${f.iso3166_2}） ${id}` : `${id}（不明 / unknown）`;
}

function gpuSummary(claims: AttestationClaims): string[] {
  const gpus = claims.hardware.nodes.flatMap((n) => n.gpus);
  const byModel = new Map<string, number>();
  for (const g of gpus) byModel.set(g.model, (byModel.get(g.model) ?? 0) + 1);
  const models = [...byModel].map(([m, n]) => `${m} ×${n}`).join("、") || "—";
  const passed = gpus.filter((g) => g.nras_result === "pass").length;
  const ccOn = gpus.filter((g) => g.cc_mode === "on").length;
  return [
    `${gpus.length}基（${models}） / ${claims.hardware.nodes.length}ノード — ${gpus.length} GPUs on ${claims.hardware.nodes.length} nodes`,
    `NRAS合格 ${passed}/${gpus.length} · CCモード有効 ${ccOn}/${gpus.length} — NRAS pass ${passed}/${gpus.length}, CC on ${ccOn}/${gpus.length}`,
  ];
}

export function certificateFacts(input: CertificateFactsInput): CertificateFact[] {
  const { attestation, claims } = input;
  const r = claims.residency;
  const region = findRegion(r.region);
  const facility = findCatalogFacility(r.facility.id);
  const appraisal = APPRAISAL_LABEL[claims.appraisal.status];
  const country = r.country === "JP" ? "日本 Japan (JP)" : r.country;
  const opsCountry = claims.operator.ops_personnel_country === "JP" ? "日本 Japan (JP)" : claims.operator.ops_personnel_country;
  const legalNameEn = claims.operator.legal_name === OPERATOR.legalNameJa ? ` (${OPERATOR.legalNameEn})` : "";

  return [
    { labelJa: "証明書ID", labelEn: "Attestation ID", lines: [claims.jti] },
    {
      labelJa: "対象リソース",
      labelEn: "Resource",
      lines: [...(input.resourceName ? [input.resourceName] : []), claims.sub],
    },
    { labelJa: "組織", labelEn: "Organization", lines: [input.orgName ? `${input.orgName}（${claims.aud}）` : claims.aud] },
    { labelJa: "国", labelEn: "Country", lines: [country] },
    {
      labelJa: "リージョン / ゾーン",
      labelEn: "Region / zone",
      lines: [region ? `${region.nameJa} ${region.nameEn}（${r.region}）` : r.region, r.zone],
    },
    {
      labelJa: "データセンター",
      labelEn: "Facility",
      lines: facility ? [facility.nameJa, `${facility.nameEn} — ${facility.id}`] : [r.facility.id],
    },
    { labelJa: "都道府県", labelEn: "Prefecture", lines: [`${r.facility.prefecture}（${r.facility.iso3166_2}）`] },
    {
      labelJa: "データの保存場所",
      labelEn: "Data locations",
      lines: (["etcd", "volumes", "backups", "logs"] as const).map(
        (plane) => `${plane}: ${r.data_planes[plane].map(facilityLine).join("、") || "—"}`,
      ),
    },
    { labelJa: "GPU", labelEn: "GPUs", lines: gpuSummary(claims) },
    {
      labelJa: "運営者",
      labelEn: "Operator",
      lines: [
        `${claims.operator.legal_name}${legalNameEn}`,
        `法人番号 Corporate number ${claims.operator.corporate_number}`,
        `登録番号 Invoice registration ${claims.operator.invoice_reg_no}`,
        `運用要員の所在国 Operations staff in: ${opsCountry}`,
      ],
    },
    { labelJa: "発行日時", labelEn: "Issued", lines: [formatJst(claims.iat)] },
    { labelJa: "有効期限", labelEn: "Expires", lines: [formatJst(claims.exp)] },
    {
      labelJa: "判定",
      labelEn: "Appraisal",
      lines: [
        `${appraisal.ja} ${appraisal.en} — ${claims.appraisal.policy_id}`,
        ...claims.appraisal.reasons.map((x) => `${REASON_LABEL[x.code]}: ${x.subject}`),
      ],
    },
    ...(claims.eat_nonce ? [{ labelJa: "ノンス", labelEn: "Nonce", lines: [claims.eat_nonce] }] : []),
    { labelJa: "署名鍵", labelEn: "Signing key (kid)", lines: [`ES256 ${attestation.kid}`] },
  ];
}
