"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { useAnswerInvitation } from "@/lib/client/invitations/use-my-invitations";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { AcceptedInvitation } from "@/lib/domain/invitations";

/** Accept (and go to the org) or decline one invitation; nothing happens without this click. */
export function AnswerInvitationButtons({ id, orgName, afterDecline }: { id: string; orgName: string; afterDecline?: () => void }) {
  const t = useTranslations("invitations");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const answer = useAnswerInvitation();

  const accept = () =>
    answer.mutate(
      { id, answer: "accept" },
      {
        onSuccess: (result) => {
          toast.success(t("accepted", { org: orgName }));
          router.push(`/${(result as AcceptedInvitation).orgSlug}`);
          router.refresh();
        },
        onError: (e) => toast.error(errorMessage(e)),
      },
    );
  const decline = () =>
    answer.mutate(
      { id, answer: "decline" },
      {
        onSuccess: () => {
          toast.success(t("declined"));
          afterDecline?.();
          router.refresh();
        },
        onError: (e) => toast.error(errorMessage(e)),
      },
    );

  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button variant="secondary" onClick={decline} disabled={answer.isPending}>
        {t("decline")}
      </Button>
      <Button onClick={accept} disabled={answer.isPending}>
        {t("accept")}
      </Button>
    </div>
  );
}
