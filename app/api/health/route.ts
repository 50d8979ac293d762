import { apiRoute } from "@/lib/api/route";
import { getHealthFor } from "@/lib/services/health/get-health";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "public" }, async ({ principal }) => {
  const health = await getHealthFor(principal);
  return { status: health.status === "ok" ? 200 : 503, body: health };
});
