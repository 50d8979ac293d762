// The operator's legal identity: on invoices, attestations and the console footer.
export const OPERATOR = {
  legalNameJa: "Hinoki Cloud株式会社",
  legalNameEn: "Hinoki Cloud K.K.",
  corporateNumber: "9010401123456",
  invoiceRegistrationNumber: "T9010401123456",
  opsPersonnelCountry: "JP",
  addressJa: "〒135-0061 東京都江東区豊洲三丁目2番20号",
  bank: {
    bankName: "ひのき銀行",
    bankCode: "0397",
    branchName: "豊洲支店",
    branchCode: "123",
    accountType: "普通",
    accountNumber: "1234567",
    accountHolderKana: "ヒノキクラウド（カ",
  },
} as const;
