// Liveness ping: constant JSON, no auth, no database. Load balancers use it, and the benchmark
// uses it as the framework's own baseline (what a route handler costs before any of our work).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
