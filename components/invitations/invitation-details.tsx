import { useLocale, useTranslations } from "next-intl";
import type { ReceivedInvitation } from "@/lib/domain/invitations";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// What a person needs to decide on an invitation, laid out the same on the link page and in
// their list: both legal names, the 法人番号 (a look-alike org has none, or another), the role,
// who sent it and to which address.

export function InvitationDetails({ invitation }: { invitation: ReceivedInvitation }) {
  const t = useTranslations("invitations");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const rows: Array<[string, string, string]> = [
    ["org", t("orgName"), invitation.org.legalNameJa],
    ["org-en", t("orgNameEn"), invitation.org.legalNameEn],
    ["corporate-number", t("corporateNumber"), invitation.org.corporateNumber ?? t("noCorporateNumber")],
    ["role", t("role"), tc(`roles.${invitation.role}`)],
    ["invited-by", t("invitedBy"), `${invitation.invitedBy.name}（${invitation.invitedBy.email}）`],
    ["email", t("invitedEmail"), invitation.email],
    ["expires", t("expires"), formatDateTime(invitation.expiresAt, locale)],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([key, label, value]) => (
        <div key={key} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className="font-medium text-ink" data-testid={`invitation-${key}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
