"use client";
import { useTranslations } from "next-intl";
import { Check, Minus } from "lucide-react";
import { Table, Td, Th } from "@/components/ui/table";
import { ORG_ROLES, ROLE_PERMISSIONS, type Permission } from "@/lib/domain/permissions";

// Rendered from the same permission table the server enforces, so it cannot disagree with it.
const SHOWN: Permission[] = ["clusters.write", "endpoints.write", "clusters.credentials", "endpoints.keys", "billing.read", "members.write", "tokens.write", "ownership.transfer"];

export function RolePermissionMatrix() {
  const tc = useTranslations("common");
  const tp = useTranslations("permissions");
  return (
    <Table>
      <caption className="sr-only">{tp("caption")}</caption>
      <thead>
        <tr>
          <Th>{tp("permission")}</Th>
          {ORG_ROLES.map((r) => (
            <Th key={r} className="text-center">
              {tc(`roles.${r}`)}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SHOWN.map((p) => (
          <tr key={p}>
            <Td>{tp(p.replace(".", "_") as "clusters_write")}</Td>
            {ORG_ROLES.map((r) => (
              <Td key={r} className="text-center">
                {ROLE_PERMISSIONS[r].includes(p) ? (
                  <Check className="mx-auto size-4 text-emerald-700" aria-label={tc("yes")} />
                ) : (
                  <Minus className="mx-auto size-4 text-slate-400" aria-label={tc("no")} />
                )}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
