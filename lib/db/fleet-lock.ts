import pg from "pg";

// A named lock that one process of the whole fleet holds at a time, for start-up work that must
// run once however many console instances start at the same moment (migrations, the demo seed).
//
// On PostgreSQL it is a session-level advisory lock on a connection of its own, outside the
// pool: the work itself may use the pool (or the same connection), and if the holder dies the
// server ends its session and the lock with it — nothing to clean up, no lease to expire. The
// lock is keyed by two 32-bit integers (our namespace, hashtext(name)); PostgreSQL keeps that key
// space apart from one-key advisory locks such as the attestation loop's, so they never meet.
// On PGlite there is one process, so the lock only has to serialise callers within it.

export type ExclusiveSection = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** "Hink": the first argument of every two-key advisory lock the console takes. */
const LOCK_NAMESPACE = 0x48696e6b;

export async function withPostgresLock<T>(connectionString: string, name: string, work: (connection: pg.Client) => Promise<T>): Promise<T> {
  // keepAlive: if the holder's machine vanishes without closing the socket, the server still
  // notices (TCP keepalive) and frees the lock, instead of every other instance waiting forever.
  const connection = new pg.Client({ connectionString, keepAlive: true });
  connection.on("error", (error) => console.warn(`[db] lock "${name}" connection error:`, error.message));
  await connection.connect();
  try {
    const { rows } = await connection.query<{ locked: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as locked", [LOCK_NAMESPACE, name]);
    if (!rows[0]?.locked) {
      console.log(`[db] another instance holds "${name}"; waiting for it to finish`);
      await connection.query("select pg_advisory_lock($1, hashtext($2))", [LOCK_NAMESPACE, name]);
    }
    try {
      return await work(connection);
    } finally {
      await connection.query("select pg_advisory_unlock($1, hashtext($2))", [LOCK_NAMESPACE, name]).catch(() => undefined);
    }
  } finally {
    // Ending the session releases the lock too, whatever happened above.
    await connection.end().catch(() => undefined);
  }
}

export function postgresLock(connectionString: string): ExclusiveSection {
  return (name, work) => withPostgresLock(connectionString, name, () => work());
}

/** One process (PGlite): callers of the same name take turns. */
export function inProcessLock(): ExclusiveSection {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const before = tails.get(name) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}
