"use client";
import { useLiveEvents } from "@/lib/client/events/use-live-events";

/** Keeps this tab's one live stream of the org open (renders nothing). */
export function LiveEvents({ slug }: { slug: string }) {
  useLiveEvents(slug);
  return null;
}
