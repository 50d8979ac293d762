import { OPERATOR } from "../catalog";

// The 事務処理規程 for invoices received from Hinoki and kept in its archive (電子帳簿保存法
// 施行規則第4条第1項第4号: 正当な理由がない訂正及び削除の防止に関する事務処理の規程). Written for the
// customer to adopt as its own, with its name filled in; it says plainly how the archive keeps,
// finds and proves the documents, and what the company's staff do.

export interface ArchivePolicyParties {
  orgNameJa: string;
  orgNameEn: string;
}

export function archivePolicyJa(p: ArchivePolicyParties): string {
  return `# 電子取引データの訂正及び削除の防止に関する事務処理規程

${p.orgNameJa}

## 第1条（目的）
この規程は、${OPERATOR.legalNameJa}（登録番号 ${OPERATOR.invoiceRegistrationNumber}）から電子取引により受領する請求書（適格請求書及び修正請求書。以下「請求書データ」という。）を、電子計算機を使用して作成する国税関係帳簿書類の保存方法等の特例に関する法律（電子帳簿保存法）に従って適正に保存するために必要な事項を定める。

## 第2条（保存場所と保存方法）
1. 請求書データは、Hinokiコンソールの「請求書アーカイブ」に、発行時のPDF及びJSONデータのまま保存する。
2. 発行された請求書データは、誰も（当社の者も${OPERATOR.legalNameJa}の者も）変更又は削除することができない。データベースが変更及び削除の操作を拒否する。
3. 内容に誤りがあった場合は、元の請求書を変更せず、修正請求書を新たに発行する。元の請求書と修正請求書は、互いを参照した状態で両方とも保存される。

## 第3条（保存期間）
請求書データは、発行日から少なくとも10年間保存する。法令上の保存期間（原則7年、欠損金の繰越控除を受ける事業年度は10年）を満たす。

## 第4条（改ざん防止の確認）
1. 請求書データは発行時に、PDFとJSONデータそれぞれのSHA-256ハッシュ値を、直前の記録のハッシュ値を含む追記専用のハッシュチェーンに記録する。
2. 経理担当者は、四半期に1回以上、請求書アーカイブの「ハッシュチェーンを検証」により、すべての記録が改ざんされていないことを確認し、結果を記録する。
3. 検証で不一致が表示された場合は、直ちに経理責任者に報告し、${OPERATOR.legalNameJa}に連絡する。

## 第5条（検索）
請求書データは、取引年月日（発行日）の範囲、金額の範囲、取引先（名称又は登録番号）により、単独で又は組み合わせて検索できる状態で保存する。

## 第6条（税務職員によるダウンロードの求め）
税務職員から電子取引データのダウンロードの求めがあった場合は、請求書アーカイブの検索結果をCSVで出力し、該当する請求書のPDFとともに提出する。

## 第7条（責任者）
請求書データの保存に関する責任者は経理部長とし、請求書アーカイブを閲覧できる者は、Hinokiコンソールで「請求担当」「管理者」「オーナー」の役割を持つ者に限る。

## 第8条（施行）
この規程は、Hinokiコンソールで初めて請求書を受領した日から施行する。
`;
}

export function archivePolicyEn(p: ArchivePolicyParties): string {
  return `# Rules for preventing correction and deletion of electronic transaction data

${p.orgNameEn}

## Article 1 (Purpose)
These rules set out how invoices received electronically from ${OPERATOR.legalNameEn} (registration number ${OPERATOR.invoiceRegistrationNumber}) — qualified invoices and corrected invoices ("invoice data") — are kept as the Electronic Books Maintenance Act requires.

## Article 2 (Where and how they are kept)
1. Invoice data is kept in the Hinoki console's invoice archive, as the PDF and JSON data issued.
2. Nobody (neither our staff nor ${OPERATOR.legalNameEn}'s) can change or delete issued invoice data; the database refuses such operations.
3. An error is corrected by a new corrected invoice, never by changing the original; both are kept, each referring to the other.

## Article 3 (Retention)
Invoice data is kept for at least 10 years from its issue date, which meets the statutory periods (7 years, 10 years for years with loss carry-forwards).

## Article 4 (Tamper evidence)
1. At issue, the SHA-256 hashes of each invoice's PDF and JSON data are recorded in an append-only hash chain in which every entry includes the previous entry's hash.
2. At least once a quarter, the accounting staff verify the chain ("Verify the hash chain" in the invoice archive) and record the result.
3. Any mismatch is reported at once to the head of accounting and to ${OPERATOR.legalNameEn}.

## Article 5 (Search)
Invoice data can be searched by transaction date (issue date) range, amount range and counterparty (name or registration number), alone or combined.

## Article 6 (Download requests by tax officials)
On a tax official's request, the archive's search results are exported as CSV and provided with the PDFs of the invoices concerned.

## Article 7 (Responsibility)
The head of accounting is responsible for keeping invoice data; only members with the billing, admin or owner role in the Hinoki console can open the archive.

## Article 8 (Effect)
These rules take effect on the day the first invoice is received in the Hinoki console.
`;
}
