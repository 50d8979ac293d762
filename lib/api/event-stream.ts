import "server-only";
import type { LiveMarks, LiveTopic } from "@/lib/domain/live-marks";
import { subscribe } from "@/lib/services/events/change-feed";

// One server-sent-events stream per console tab: `event: marks` with the topics' change marks
// whenever one moved (the tab refetches what it shows of that topic), a comment every
// HEARTBEAT_MS so proxies keep the connection, and an end after LIVE_STREAM_MAX_MS — the browser's
// EventSource reconnects after `retry` and the reconnect is authorized afresh (the principal's
// rights are re-read at most that late on another instance; at once on this one).

export const LIVE_STREAM_MAX_MS = 120_000;
const HEARTBEAT_MS = 25_000;
const RETRY_MS = 1_000;

export function liveEventStream(request: Request, watch: { orgId: string; userId: string; topics: LiveTopic[] }): Response {
  const encoder = new TextEncoder();
  let end = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS);
      const lifetime = setTimeout(() => end(), LIVE_STREAM_MAX_MS);
      const unsubscribe = subscribe({
        ...watch,
        send: (marks: LiveMarks) => write(`event: marks\ndata: ${JSON.stringify(marks)}\n\n`),
        close: () => end(),
      });
      end = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal?.addEventListener("abort", () => end());
      write(`retry: ${RETRY_MS}\n: live\n\n`);
    },
    cancel() {
      end();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
  });
}
