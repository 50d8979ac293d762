import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { desc, eq } from "drizzle-orm";
import { apiTokens } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ApiToken } from "@/lib/domain/api-tokens";
import { orgContext } from "../access/org-context";
import { toApiToken } from "./to-api-token";

export async function listApiTokens(principal: Principal, slug: string): Promise<Page<ApiToken>> {
  const { db, orgId } = await orgContext(principal, slug, "tokens.read");
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.orgId, orgId)).orderBy(desc(apiTokens.id)).limit(200);
  return wholePage(rows.map(toApiToken));
}
