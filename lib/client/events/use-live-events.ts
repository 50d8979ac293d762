"use client";
import { useEffect } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { setLiveConnected } from "./live-state";
import type { LiveMarks } from "@/lib/domain/live-marks";
import { movedTopics } from "./moved-topics";

// One server-sent-events stream per tab (GET /api/v1/orgs/{org}/events): when a topic's mark
// moves, the queries showing that topic refetch — within about a second of the change, with no
// polling while the stream is up. EventSource reconnects by itself (the server ends each stream
// after two minutes); while it is down the queries poll as before (pollUnlessLive), and on the way
// back the new marks are compared with the last ones, so a change made meanwhile is refetched too.

const TOPIC_KEYS: Record<keyof LiveMarks, (slug: string) => ReadonlyArray<readonly unknown[]>> = {
  clusters: (slug) => [["orgs", slug, "clusters"], ["orgs", slug, "overview"], ["orgs", slug, "operations"]],
  endpoints: (slug) => [["orgs", slug, "endpoints"], ["orgs", slug, "overview"], ["orgs", slug, "operations"]],
  attestations: (slug) => [["orgs", slug, "attestations"], ["orgs", slug, "overview"]],
  notifications: (slug) => [["orgs", slug, "notifications"]],
};

function refetch(client: QueryClient, slug: string, topics: Array<keyof LiveMarks>): void {
  const keys = new Map<string, readonly unknown[]>();
  for (const topic of topics) for (const key of TOPIC_KEYS[topic](slug)) keys.set(JSON.stringify(key), key);
  for (const key of keys.values()) void client.invalidateQueries({ queryKey: key });
}

export function useLiveEvents(slug: string): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/v1/orgs/${encodeURIComponent(slug)}/events`);
    let last: LiveMarks | null = null;
    source.addEventListener("open", () => setLiveConnected(true));
    source.addEventListener("marks", (event) => {
      const marks = JSON.parse((event as MessageEvent<string>).data) as LiveMarks;
      const moved = movedTopics(last, marks);
      last = marks;
      if (moved.length > 0) refetch(client, slug, moved);
    });
    // A planned end reconnects within a second; a real outage leaves the tab polling until it is back.
    source.addEventListener("error", () => setLiveConnected(false));
    return () => {
      source.close();
      setLiveConnected(false);
    };
  }, [client, slug]);
}
