import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import { errorPayload } from "./error-response";

describe("error mapping", () => {
  it("maps each AppError code to its status with a translated message", () => {
    const cases: Array<[AppError, number]> = [
      [new AppError("not_found"), 404],
      [new AppError("forbidden"), 403],
      [new AppError("unauthenticated"), 401],
      [new AppError("quota_exceeded"), 422],
      [new AppError("conflict"), 409],
      [new AppError("rate_limited"), 429],
      [new AppError("control_plane_unavailable"), 503],
    ];
    for (const [error, status] of cases) {
      const { status: got, body } = errorPayload(error, "req_1", "ja");
      expect(got).toBe(status);
      expect(body.error.code).toBe(error.code);
      expect(body.error.requestId).toBe("req_1");
    }
    expect(errorPayload(new AppError("not_found"), "r", "ja").body.error.message).toBe("お探しのものが見つかりませんでした。削除されたか、URLが誤っている可能性があります。一覧から選び直してください。");
    expect(errorPayload(new AppError("not_found"), "r", "en").body.error.message).toBe("This could not be found. It may have been deleted, or the URL may be wrong. Choose it again from the list.");
  });

  it("turns validation errors into a 400 naming the fields", () => {
    const result = z.object({ name: z.string().min(3) }).safeParse({ name: "x" });
    const { status, body } = errorPayload(result.error, "r", "en");
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect((body.error.details?.issues as Array<{ path: string }>)[0].path).toBe("name");
  });

  it("never leaks an unexpected error's message or stack", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { status, body } = errorPayload(new Error("password=hunter2 at db.ts:12"), "req_9", "en");
    spy.mockRestore();
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(body.error.requestId).toBe("req_9");
  });
});
