import Link from "next/link";
import { useTranslations } from "next-intl";
import { MailPlus } from "lucide-react";

/** Shown across the console while invitations wait for the person's answer. */
export function PendingInvitationsBanner({ count }: { count: number }) {
  const t = useTranslations("invitations");
  return (
    <div role="note" data-testid="pending-invitations-banner" className="flex items-center gap-2 border-b border-brand-200 bg-brand-50 px-8 py-2 text-sm text-brand-900">
      <MailPlus className="size-4" aria-hidden />
      <span>{t("banner", { count })}</span>
      <Link href="/invitations" className="font-medium underline underline-offset-2">
        {t("bannerLink")}
      </Link>
    </div>
  );
}
