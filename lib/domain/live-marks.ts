// What an open console tab follows live (GET /api/v1/orgs/{org}/events): one opaque "mark" per
// topic that moves whenever something a person could see on it moved. The server reads and sends
// them (lib/services/events), the browser refetches what moved (lib/client/events): one list for both.

export type LiveTopic = "clusters" | "endpoints" | "attestations" | "notifications";

/** The marks of the topics a person may follow in one org. */
export type LiveMarks = Partial<Record<LiveTopic, string>>;
