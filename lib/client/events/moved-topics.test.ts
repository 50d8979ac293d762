import { describe, expect, it } from "vitest";
import { movedTopics } from "./moved-topics";

describe("movedTopics", () => {
  it("refetches every topic on a stream's first marks: the page was read before them", () => {
    expect(movedTopics(null, { clusters: "a", endpoints: "b", notifications: "c" })).toEqual(["clusters", "endpoints", "notifications"]);
  });

  it("afterwards, only the topics whose mark moved", () => {
    expect(movedTopics({ clusters: "a", endpoints: "b", notifications: "c" }, { clusters: "a", endpoints: "b2", notifications: "c" })).toEqual(["endpoints"]);
    expect(movedTopics({ clusters: "a", endpoints: "b" }, { clusters: "a", endpoints: "b" })).toEqual([]);
  });
});
