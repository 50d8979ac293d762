import { apiRoute } from "@/lib/api/route";
import { getHealth } from "@/lib/services/health/get-health";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "public" }, async () => {
  const health = await getHealth();
  return { status: health.status === "ok" ? 200 : 503, body: health };
});
