import "server-only";
import PDFDocument from "pdfkit";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import { fontBytes } from "@/lib/pdf/japanese-fonts";
import { ringiOrderLines } from "./ringi-order-lines";

// 稟議書: the request as a company files it — 件名, 目的, 申請者, the order, the estimate, who pays,
// the rule, and 決裁欄 (each stage's decision: who, on whose behalf, when in JST, the comment) —
// and what became of it. A4 portrait, Noto Sans JP embedded so pdftotext extracts the Japanese.

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN;
const INK = "#111111";
const MUTED = "#555555";
const RULE = "#999999";

const ACTION_JA: Record<string, string> = {
  "cluster.create": "クラスター作成",
  "node_pool.scale_up": "ノードプールの増設",
  "endpoint.create": "エンドポイント作成",
  "endpoint.scale_up": "エンドポイントの増設",
  "quota_request.create": "クォータ申請",
  "reservation.create": "キャパシティ予約",
};
const STATUS_JA: Record<ApprovalRequest["status"], string> = { pending: "承認待ち", approved: "承認済み（実行中）", executed: "承認・実行済み", refused: "承認済み・実行不可", rejected: "却下", withdrawn: "取り下げ", expired: "期限切れ" };
const STATE_JA = { approved: "承認", rejected: "却下", awaiting: "承認待ち", waiting: "未着手", not_reached: "—" } as const;

const yen = (n: number) => `¥${Math.round(n).toLocaleString("ja-JP")}`;

/** "2026年12月5日 23:08（JST）" — Asia/Tokyo has no daylight saving: UTC+9 always. */
export function jstStamp(iso: string): string {
  const d = new Date(Date.parse(iso) + 9 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}（JST）`;
}

export interface RingiContext {
  orgName: string;
  costCenterLabel: string | null;
  printedAt: Date;
}

export function renderRingiPdf(r: ApprovalRequest, ctx: RingiContext): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const created = new Date(r.createdAt);
    const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: `稟議書 ${r.subject}`, Author: ctx.orgName, Subject: r.id, Creator: "Hinoki", CreationDate: created, ModDate: created } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      doc.registerFont("regular", fontBytes("regular"));
      doc.registerFont("bold", fontBytes("bold"));
      let y = MARGIN;
      const ensure = (h: number) => {
        if (y + h > BOTTOM) {
          doc.addPage();
          y = MARGIN;
        }
      };
      const row = (label: string, value: string) => {
        doc.font("regular").fontSize(9.5);
        const h = Math.max(doc.heightOfString(value, { width: WIDTH - 120 }), 12) + 6;
        ensure(h);
        doc.fillColor(MUTED).text(label, MARGIN, y, { width: 110 });
        doc.fillColor(INK).text(value, MARGIN + 120, y, { width: WIDTH - 120 });
        y += h;
        doc.moveTo(MARGIN, y - 3).lineTo(MARGIN + WIDTH, y - 3).strokeColor(RULE).lineWidth(0.3).stroke();
      };
      const heading = (text: string) => {
        ensure(30);
        y += 8;
        doc.font("bold").fontSize(11).fillColor(INK).text(text, MARGIN, y);
        y += 18;
      };

      doc.font("bold").fontSize(20).fillColor(INK).text("稟議書", MARGIN, y, { width: WIDTH, align: "center" });
      y += 30;
      doc.font("regular").fontSize(9).fillColor(MUTED).text(`${ctx.orgName}\u3000稟議番号 ${r.id}`, MARGIN, y, { width: WIDTH, align: "right" });
      y += 18;

      heading("申請内容");
      row("件名", r.subject);
      row("目的", r.purpose);
      row("申請者", `${r.requester.name}（${r.requester.email}）`);
      row("申請日時", jstStamp(r.createdAt));
      row("区分", ACTION_JA[r.action] ?? r.action);
      row("対象", r.targetName);
      row("注文内容", ringiOrderLines(r).join("\n"));
      row("見積額（税抜）", `時間あたり ${yen(r.estimate.perHour)}\u3000月額 ${yen(r.estimate.perMonth)}\u3000${r.estimate.periodMonths}か月分 ${yen(r.estimate.perPeriod)}（${r.estimate.basis === "contract" ? "契約価格" : "定価"}）`);
      row("部門・プロジェクト", ctx.costCenterLabel ?? "指定なし");
      row("発注番号", r.poNumber ?? "指定なし");
      row("適用ルール", `${r.policy.name}（${r.stages.map((s) => s.name).join(" → ")}）`);
      row("承認期限", jstStamp(r.expiresAt));

      heading("決裁欄");
      r.stages.forEach((s, i) => {
        const d = s.decision;
        const who = d ? `${d.deciderName}${d.onBehalfOfName ? `（${d.onBehalfOfName} の代理）` : ""}` : "—";
        const lines = [`結果: ${STATE_JA[s.state]}`, `決裁者: ${who}`, `日時: ${d ? jstStamp(d.decidedAt) : "—"}`, ...(d?.comment ? [`コメント: ${d.comment}`] : [])];
        row(`第${i + 1}段階 ${s.name}`, lines.join("\n"));
      });

      heading("結果");
      row("状態", STATUS_JA[r.status]);
      if (r.finishedAt) row("確定日時", jstStamp(r.finishedAt));
      if (r.operationId) row("実行した操作", r.operationId);
      if (r.refusal) row("実行できなかった理由", `${r.refusal.code}: ${r.refusal.message}`);
      if (r.previousRequestId) row("前回の稟議", r.previousRequestId);

      ensure(24);
      doc.font("regular").fontSize(8).fillColor(MUTED).text(`出力日時 ${jstStamp(ctx.printedAt.toISOString())}\u3000Hinoki コンソールの記録（監査ログ）から作成`, MARGIN, y + 10, { width: WIDTH });
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
