import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { leases } from "./schema";

// Leases (schema/leases.ts): who does a piece of once-per-fleet work, until when. Every time is
// the database's `now()`, never a process clock, so skew between instances cannot let two hold
// one lease. Acquiring and renewing are the same statement: insert the row, or take it over if
// it is ours already or has lapsed — PostgreSQL decides between racing instances on the primary
// key, and exactly one of them gets a row back.

export async function acquireLease(db: DbOrTx, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const expiresAt = sql`now() + ${Math.max(1, Math.round(ttlMs))}::integer * interval '1 millisecond'`;
  const rows = await db
    .insert(leases)
    .values({ name, holder, expiresAt, acquiredAt: sql`now()` })
    .onConflictDoUpdate({
      target: leases.name,
      set: {
        holder: sql`excluded.holder`,
        expiresAt: sql`excluded.expires_at`,
        acquiredAt: sql`case when ${leases.holder} = excluded.holder then ${leases.acquiredAt} else excluded.acquired_at end`,
      },
      setWhere: sql`${leases.holder} = excluded.holder or ${leases.expiresAt} <= now()`,
    })
    .returning({ holder: leases.holder });
  return rows.length === 1;
}

/** Gives leases up at once (a clean shutdown), so another instance takes the work on its next round. */
export async function releaseLeases(db: DbOrTx, holder: string, names?: readonly string[]): Promise<void> {
  if (names && names.length === 0) return;
  await db.delete(leases).where(and(eq(leases.holder, holder), names ? inArray(leases.name, [...names]) : undefined));
}
