// 法人番号: 13 digits, the first a check digit over the other twelve (国税庁 rule):
// check = 9 − (Σ Pn × Qn mod 9), Pn the n-th digit counted from the right of the twelve,
// Qn = 1 for odd n and 2 for even n.

export function corporateNumberCheckDigit(twelveDigits: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(twelveDigits[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^[1-9]\d{12}$/.test(value)) return false;
  return corporateNumberCheckDigit(value.slice(1)) === Number(value[0]);
}

/** 適格請求書発行事業者登録番号 of a corporation: "T" + its 法人番号. */
export function isValidInvoiceRegistrationNumber(value: string): boolean {
  return /^T\d{13}$/.test(value) && isValidCorporateNumber(value.slice(1));
}
