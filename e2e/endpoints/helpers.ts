import { expect, type Page } from "@playwright/test";
import { apiFromPage, type Leftovers, ORG, UNTIL_DONE } from "../fixtures";

/** Creates a running endpoint through the API (as the signed-in page) and returns it. */
export async function runningEndpointViaApi(page: Page, leftovers: Leftovers, name: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; modelId: string }> {
  const created = await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints`, {
    method: "POST",
    body: { name, modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1, ...overrides },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  // The 202 is the Operation; the endpoint is its target.
  const id = created.body.target.id as string;
  leftovers.endpoint(id);
  await expect
    .poll(async () => (await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${id}`)).body.status, { ...UNTIL_DONE, intervals: [500] })
    .toBe("running");
  return { id, modelId: created.body.request.modelId };
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
