import { describe, expect, it } from "vitest";
import { NOTIFICATION_AUDIENCE, SPEND_CATEGORIES } from "./notification-routing";
import { roleCan } from "./permissions";

describe("notification routing", () => {
  it("sends spend only to roles the permission table lets see spend", () => {
    for (const category of SPEND_CATEGORIES) {
      for (const role of NOTIFICATION_AUDIENCE[category]) expect(roleCan(role, "billing.read"), `${category} → ${role}`).toBe(true);
    }
  });
});
