import "server-only";
import { getDb } from "@/lib/db/client";
import { onPrincipalsForgotten } from "@/lib/auth/forget-cached-principals";
import type { LiveMarks, LiveTopic } from "@/lib/domain/live-marks";
import { readChangeMarks, type OrgMarks } from "./read-change-marks";

// The server side of the console's live updates: every open tab subscribes here (one per tab,
// app/api/v1/orgs/[org]/events). While anyone is subscribed, ONE query a second (per process,
// whatever the number of tabs) reads the change marks of the watched orgs from the database, so
// a change made by any instance of the fleet — a sync loop, another person's click — reaches
// every tab within about a second; each subscriber hears only the topics it may see, and only
// when they moved. With nobody subscribed the feed does nothing.

export const FEED_INTERVAL_MS = 1_000;


export interface Subscriber {
  orgId: string;
  userId: string;
  topics: readonly LiveTopic[];
  send(marks: LiveMarks): void;
  /** Asked to end: the client reconnects and is authorized afresh. */
  close(): void;
}

interface Feed {
  subscribers: Set<Subscriber>;
  last: Map<Subscriber, string>;
  timer: ReturnType<typeof setTimeout> | null;
  unlisten: (() => void) | null;
}

const KEY = Symbol.for("hinoki.changeFeed");
type G = typeof globalThis & { [KEY]?: Feed };

function feed(): Feed {
  const g = globalThis as G;
  return (g[KEY] ??= { subscribers: new Set(), last: new Map(), timer: null, unlisten: null });
}

function marksFor(subscriber: Subscriber, orgs: Map<string, OrgMarks>, notifications: Map<string, string>): LiveMarks {
  const marks: LiveMarks = {};
  const org = orgs.get(subscriber.orgId);
  for (const topic of subscriber.topics) {
    if (topic === "notifications") marks.notifications = notifications.get(`${subscriber.orgId}:${subscriber.userId}`) ?? "";
    else marks[topic] = org?.[topic] ?? "";
  }
  return marks;
}

async function tick(): Promise<void> {
  const f = feed();
  f.timer = null;
  if (f.subscribers.size === 0) return;
  try {
    const subscribers = [...f.subscribers];
    const orgIds = [...new Set(subscribers.map((s) => s.orgId))];
    const { orgs, notifications } = await readChangeMarks(await getDb(), orgIds, subscribers);
    for (const subscriber of subscribers) {
      if (!f.subscribers.has(subscriber)) continue;
      const marks = marksFor(subscriber, orgs, notifications);
      const key = JSON.stringify(marks);
      if (f.last.get(subscriber) === key) continue;
      f.last.set(subscriber, key);
      subscriber.send(marks);
    }
  } catch (error) {
    console.error("[change-feed] reading change marks failed", error);
  } finally {
    if (f.subscribers.size > 0 && !f.timer) f.timer = setTimeout(() => void tick(), FEED_INTERVAL_MS);
  }
}

/** Adds a tab; it hears its first marks at the next round (within a second). Returns the unsubscribe. */
export function subscribe(subscriber: Subscriber): () => void {
  const f = feed();
  f.subscribers.add(subscriber);
  // A role change or removal in this process ends every stream: each reconnects and is
  // authorized again (other instances' streams end by their own lifetime, LIVE_STREAM_MAX_MS).
  f.unlisten ??= onPrincipalsForgotten(() => {
    for (const s of [...feed().subscribers]) s.close();
  });
  if (!f.timer) f.timer = setTimeout(() => void tick(), 0);
  return () => {
    f.subscribers.delete(subscriber);
    f.last.delete(subscriber);
    if (f.subscribers.size === 0 && f.timer) {
      clearTimeout(f.timer);
      f.timer = null;
    }
  };
}

export function subscriberCount(): number {
  return feed().subscribers.size;
}
