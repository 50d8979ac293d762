import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { cpTokenUsage } from "./schema";

// Inference usage is summed in memory and written once per tick, so serving a completion costs
// no database write. What a crash can lose is at most one tick of token counts (seconds of GPU
// time are never at stake: they come from placements, which are always written). Batch API work
// is summed apart (its own row, its own meter), since it is billed at the batch discount.

interface Pending {
  endpointId: string;
  intervalStartMs: number;
  batch: boolean;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

export class UsageBuffer {
  private pending = new Map<string, Pending>();
  private lastRequest = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  record(endpointId: string, atMs: number, inputTokens: number, outputTokens: number, workload: "interactive" | "batch" = "interactive"): void {
    const intervalStartMs = Math.floor(atMs / this.intervalMs) * this.intervalMs;
    this.add({ endpointId, intervalStartMs, batch: workload === "batch", inputTokens, outputTokens, requests: 1 });
    this.lastRequest.set(endpointId, Math.max(this.lastRequest.get(endpointId) ?? 0, atMs));
  }

  private add(e: Pending): void {
    const key = `${e.endpointId}|${e.intervalStartMs}|${e.batch}`;
    const entry = this.pending.get(key) ?? { ...e, inputTokens: 0, outputTokens: 0, requests: 0 };
    entry.inputTokens += e.inputTokens;
    entry.outputTokens += e.outputTokens;
    entry.requests += e.requests;
    this.pending.set(key, entry);
  }

  isEmpty(): boolean {
    return this.pending.size === 0 && this.lastRequest.size === 0;
  }

  lastRequestAt(endpointId: string): number | undefined {
    return this.lastRequest.get(endpointId);
  }

  /**
   * Writes what is pending. Usage of an interval that metering has already closed (possible only
   * around a restart) moves to the first open interval rather than being lost.
   */
  async flush(db: Db, firstOpenIntervalMs: number): Promise<void> {
    if (this.isEmpty()) return;
    const entries = [...this.pending.values()];
    const lastRequests = [...this.lastRequest.entries()];
    this.pending = new Map();
    this.lastRequest = new Map();
    let written = 0;
    try {
      for (const e of entries) {
        const intervalStart = new Date(Math.max(e.intervalStartMs, firstOpenIntervalMs));
        await db
          .insert(cpTokenUsage)
          .values({ endpointId: e.endpointId, intervalStart, batch: e.batch, inputTokens: e.inputTokens, outputTokens: e.outputTokens, requests: e.requests })
          .onConflictDoUpdate({
            target: [cpTokenUsage.endpointId, cpTokenUsage.intervalStart, cpTokenUsage.batch],
            set: {
              inputTokens: sql`${cpTokenUsage.inputTokens} + excluded.input_tokens`,
              outputTokens: sql`${cpTokenUsage.outputTokens} + excluded.output_tokens`,
              requests: sql`${cpTokenUsage.requests} + excluded.requests`,
            },
          });
        written++;
      }
      for (const [endpointId, atMs] of lastRequests) {
        const at = new Date(atMs).toISOString();
        await db.execute(sql`update cp_endpoints set last_request_at = greatest(coalesce(last_request_at, ${at}::timestamptz), ${at}::timestamptz) where id = ${endpointId}`);
      }
    } catch (error) {
      // Put back what was not written; the next tick tries again.
      for (const e of entries.slice(written)) this.add(e);
      for (const [endpointId, atMs] of lastRequests) this.lastRequest.set(endpointId, Math.max(this.lastRequest.get(endpointId) ?? 0, atMs));
      throw error;
    }
  }
}
