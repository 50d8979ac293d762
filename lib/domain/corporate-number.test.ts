import { describe, expect, it } from "vitest";
import { corporateNumberCheckDigit, isValidCorporateNumber, isValidInvoiceRegistrationNumber } from "./corporate-number";

describe("法人番号 check digit", () => {
  it("accepts the operator's number and its registration number", () => {
    expect(corporateNumberCheckDigit("010401123456")).toBe(9);
    expect(isValidCorporateNumber("9010401123456")).toBe(true);
    expect(isValidInvoiceRegistrationNumber("T9010401123456")).toBe(true);
  });

  it("accepts a real published number (国税庁 7000012050002)", () => {
    expect(isValidCorporateNumber("7000012050002")).toBe(true);
  });

  it("rejects a wrong check digit, a typo, and the wrong length", () => {
    expect(isValidCorporateNumber("8010401123456")).toBe(false);
    expect(isValidCorporateNumber("9010401123457")).toBe(false);
    expect(isValidCorporateNumber("901040112345")).toBe(false);
    expect(isValidCorporateNumber("90104011234a6")).toBe(false);
    expect(isValidInvoiceRegistrationNumber("9010401123456")).toBe(false);
  });
});
