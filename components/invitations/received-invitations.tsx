"use client";
import { useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useMyInvitations } from "@/lib/client/invitations/use-my-invitations";
import type { ReceivedInvitation } from "@/lib/domain/invitations";
import { AnswerInvitationButtons } from "./answer-invitation-buttons";
import { InvitationDetails } from "./invitation-details";

/** The signed-in person's open invitations, each with its details and accept / decline. */
export function ReceivedInvitations({ initial }: { initial: ReceivedInvitation[] }) {
  const t = useTranslations("invitations");
  const invitations = useMyInvitations(initial);
  const items = invitations.data ?? [];
  if (items.length === 0) return <p className="rounded-md border border-line bg-white p-4 text-sm text-muted">{t("empty")}</p>;
  return (
    <ul className="space-y-4">
      {items.map((invitation) => (
        <li key={invitation.id} data-testid="received-invitation">
          <Card>
            <CardHeader title={t("title", { org: invitation.org.legalNameJa })} description={t("checkHint")} />
            <CardBody className="space-y-4">
              <InvitationDetails invitation={invitation} />
              <AnswerInvitationButtons id={invitation.id} orgName={invitation.org.legalNameJa} />
            </CardBody>
          </Card>
        </li>
      ))}
    </ul>
  );
}
