import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { AccountDetail } from "@/lib/domain/staff";
import { recordAudit } from "../audit/record";
import { currentContractVersion } from "../contracts/contract-versions";
import { quotaLines } from "../quotas/quota-usage";
import { gpuModelsInRegion } from "../catalog/offerings";
import { staffAccountAccess } from "./staff-account-access";
import { summarizeAccounts } from "./summarize-accounts";

/**
 * One account as its manager sees it. Opening it is a look into the customer's data, so it is
 * written to the customer's own audit log as a staff view, like any console page staff open.
 */
export async function getStaffAccount(principal: Principal, slug: string, now: Date = new Date()): Promise<AccountDetail> {
  const { db, org } = await staffAccountAccess(principal, slug);
  const [account] = await summarizeAccounts(db, [org], now);
  const lines = await quotaLines(db, org.id);
  const contract = await currentContractVersion(db, org.id, now);
  await recordAudit(db, principal, org.id, { action: "staff.view", targetType: "org", targetId: org.id, data: { view: "staff.account", staffRole: principal.staffRole } });
  return {
    account,
    corporateNumber: org.corporateNumber,
    contactName: org.contactName,
    contactEmail: org.contactEmail,
    quotas: lines.filter((l) => gpuModelsInRegion(l.regionId).includes(l.gpuModel) || l.inUse > 0),
    contract,
  };
}
