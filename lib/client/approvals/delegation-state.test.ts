import { describe, expect, it } from "vitest";
import { delegationWindow } from "@/lib/domain/approvals";
import { canEndDelegation, delegationState } from "./delegation-state";

// A delegation for 12月5日–12月6日 JST is in force from 12月5日 00:00 JST until 12月7日 00:00 JST.
const window = delegationWindow({ fromDate: "2026-12-05", toDate: "2026-12-06" });
const d = { startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString(), revokedAt: null };
const jst = (s: string) => new Date(`${s}+09:00`);

describe("where a 代理承認 stands", () => {
  it("is scheduled before its first JST day, in force through its last, and ended after", () => {
    expect(delegationState(d, jst("2026-12-04T23:59:59"))).toBe("scheduled");
    expect(delegationState(d, jst("2026-12-05T00:00:00"))).toBe("active");
    expect(delegationState(d, jst("2026-12-06T23:59:59"))).toBe("active");
    expect(delegationState(d, jst("2026-12-07T00:00:00"))).toBe("ended");
  });

  it("says ended early when revoked inside the window, and simply ended when revoked after it", () => {
    expect(delegationState({ ...d, revokedAt: jst("2026-12-05T12:00:00").toISOString() }, jst("2026-12-05T13:00:00"))).toBe("revoked");
    expect(delegationState({ ...d, revokedAt: jst("2026-12-05T12:00:00").toISOString() }, jst("2026-12-20T00:00:00"))).toBe("revoked");
    expect(delegationState({ ...d, revokedAt: jst("2026-12-08T09:00:00").toISOString() }, jst("2026-12-08T10:00:00"))).toBe("ended");
  });

  it("can be ended only while still to come or in force", () => {
    expect(["scheduled", "active", "ended", "revoked"].map((s) => canEndDelegation(s as never))).toEqual([true, true, false, false]);
  });
});
