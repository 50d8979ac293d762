import { describe, expect, it } from "vitest";
import { dueDateFor, formatInvoiceNumber } from "./invoice-dates";

describe("invoice dates and numbers", () => {
  it("is due at the end of the next month (月末締め翌月末払い)", () => {
    expect(dueDateFor("2026-11")).toBe("2026-12-31");
    expect(dueDateFor("2026-12")).toBe("2027-01-31");
    expect(dueDateFor("2027-01")).toBe("2027-02-28");
    expect(dueDateFor("2028-01")).toBe("2028-02-29");
    expect(dueDateFor("2026-08")).toBe("2026-09-30");
  });

  it("honours contract payment terms in days after month end", () => {
    expect(dueDateFor("2026-11", 60)).toBe("2027-01-29");
  });

  it("formats invoice numbers", () => {
    expect(formatInvoiceNumber("2026-11", 123)).toBe("HNK-202611-000123");
    expect(formatInvoiceNumber("2026-11", 1_234_567)).toBe("HNK-202611-1234567");
  });
});
