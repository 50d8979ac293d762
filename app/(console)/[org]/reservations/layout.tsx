import type { ReactNode } from "react";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Lock } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { isAppError } from "@/lib/domain/errors";
import { reservationsAccess } from "@/lib/services/reservations/reservations-access";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export default async function ReservationsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${org}/reservations`)}`);
  const t = await getTranslations("reservations");
  const allowed = await reservationsAccess(principal, org).then(
    () => true,
    (error) => {
      if (isAppError(error) && error.code === "forbidden") return false;
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    },
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {allowed ? children : <EmptyState icon={<Lock className="size-8" />} title={t("noAccess")} description={t("noAccessBody")} />}
    </>
  );
}
