import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { openDatabase, type DbHandle } from "./client";
import { createEmptyPostgresDatabase } from "./testing";

// The data migration 0011_move_endpoint_operations.sql, on real rows: a database migrated up to
// 0010 (endpoint operations in their own table) gets endpoint operations of every kind and state
// and a cluster operation; the remaining migrations then run, and the rows are read in the one
// `operations` table as the engine reads them. On PGlite, and on PostgreSQL when the test script
// provides a server.

const ALL = path.join(process.cwd(), "lib/db/migrations");
const BEFORE_MOVE = "0010_operations_one_table";

/** A copy of the migrations folder whose journal ends at `lastTag`. */
function migrationsUpTo(lastTag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hinoki-migrations-"));
  cpSync(ALL, dir, { recursive: true });
  const journalPath = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
  const end = journal.entries.findIndex((e) => e.tag === lastTag);
  if (end < 0) throw new Error(`no migration ${lastTag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, end + 1) }));
  return dir;
}

type Row = Record<string, unknown>;

describe("migration 0011: endpoint operations move into the one operations table", () => {
  let handle: DbHandle;
  let early: string;
  let pg: { url: string; drop(): Promise<void> } | undefined;
  const rows = async (query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: Row[] }).rows;

  beforeAll(async () => {
    early = migrationsUpTo(BEFORE_MOVE);
    if (process.env.TEST_DATABASE_URL) pg = await createEmptyPostgresDatabase(process.env.TEST_DATABASE_URL, "hinoki_move_ops");
    handle = await openDatabase({ databaseUrl: pg?.url, migrationsFolder: early });
    await handle.db.execute(sql`insert into users (id, email, name) values ('usr_dev', 'dev@acme.example', 'Dev')`);
    await handle.db.execute(sql`
      insert into endpoints (id, org_id, name, model_id, shape_id, region_id, zone_id, min_replicas, max_replicas, autoscaling, status, cold_start_seconds, created_by)
      values ('ep_1', 'org_acme', 'ja-assistant', 'sarashina2.2-3b-instruct', 'l40s-1x', 'jp-tokyo-1', 'jp-tokyo-1a', 1, 2, '{"metric":"concurrent_requests","target":8}', 'updating', 60, 'usr_dev')`);
    await handle.db.execute(sql`
      insert into endpoint_operations (id, org_id, endpoint_id, kind, status, request, control_plane_operation_id, submit_attempts, last_submit_error, progress, steps, error, created_by, started_at, finished_at) values
      ('eop_create', 'org_acme', 'ep_1', 'endpoint.create', 'succeeded', '{"name":"ja-assistant","minReplicas":1}', 'cpop_1', 1, null, 100, '[{"name":"scheduling","status":"succeeded"}]', null, 'usr_dev', '2030-01-01T00:00:00Z', '2030-01-01T00:05:00Z'),
      ('eop_update', 'org_acme', 'ep_1', 'endpoint.update', 'submitting', '{"change":{"maxReplicas":4},"previous":{"maxReplicas":2}}', null, 3, 'control plane unavailable', 0, '[]', null, 'usr_dev', '2030-01-02T00:00:00Z', null),
      ('eop_delete', 'org_acme', 'ep_gone', 'endpoint.delete', 'failed', '{}', 'cpop_2', 1, null, 40, '[]', '{"code":"internal","message":"boom"}', 'usr_gone', '2030-01-03T00:00:00Z', '2030-01-03T00:01:00Z')`);
    await handle.db.execute(sql`
      insert into operations (id, org_id, kind, target_kind, target_id, status, requested_by)
      values ('op_cluster', 'org_acme', 'cluster.create', 'cluster', 'cl_1', 'succeeded', 'dev@acme.example')`);
    // The rest of the migrations, over the same database.
    if (pg) {
      await handle.close();
      handle = await openDatabase({ databaseUrl: pg.url });
    } else {
      await migratePglite(handle.db as never, { migrationsFolder: ALL });
    }
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    await pg?.drop();
    if (early) rmSync(early, { recursive: true, force: true });
  });

  it("keeps every endpoint operation, in the engine's states and shapes", async () => {
    const moved = await rows(sql`select * from operations where target_kind = 'endpoint' order by id`);
    expect(moved.map((r) => [r.id, r.kind, r.target_id, r.status])).toEqual([
      ["eop_create", "endpoint.create", "ep_1", "succeeded"],
      ["eop_delete", "endpoint.delete", "ep_gone", "failed"],
      ["eop_update", "endpoint.update", "ep_1", "pending"],
    ]);
    const [create, del, update] = moved;
    expect(create).toMatchObject({
      target_name: "ja-assistant",
      request: { name: "ja-assistant", minReplicas: 1 },
      submission: { type: "create", spec: { name: "ja-assistant", minReplicas: 1 } },
      control_plane_operation_id: "cpop_1",
      progress: 100,
      steps: [{ name: "scheduling", status: "succeeded" }],
      requested_by: "dev@acme.example",
      requested_by_user_id: "usr_dev",
      current_step: null,
    });
    expect(new Date(create.finished_at as string).toISOString()).toBe("2030-01-01T00:05:00.000Z");
    // A submission still waiting for the control plane is the engine's pending, retried as before.
    expect(update).toMatchObject({
      request: { maxReplicas: 4 },
      submission: { type: "update", change: { maxReplicas: 4 }, previous: { maxReplicas: 2 } },
      current_step: "submitting",
      attempts: 3,
      last_error: "control plane unavailable",
      finished_at: null,
    });
    // The endpoint and its requester are gone: the operation stays, with what is known.
    expect(del).toMatchObject({ target_name: null, submission: { type: "delete" }, error: { code: "internal", message: "boom" }, requested_by: "usr_gone", requested_by_user_id: "usr_gone" });
  });

  it("gives cluster operations their requester's user id, and drops the old table", async () => {
    const [cluster] = await rows(sql`select requested_by, requested_by_user_id from operations where id = 'op_cluster'`);
    expect(cluster).toEqual({ requested_by: "dev@acme.example", requested_by_user_id: "usr_dev" });
    const old = await rows(sql`select 1 from information_schema.tables where table_name = 'endpoint_operations'`);
    expect(old).toEqual([]);
  });
});
