"use client";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";

// The wizard's answer to "no capacity" (空き待ち): instead of being refused, wait in the zone's line
// until every node fits at once, optionally giving up at a deadline (entered in JST).

export interface QueueChoiceValue {
  wait: boolean;
  /** "YYYY-MM-DDTHH:mm" in JST, or "" for no deadline. */
  deadline: string;
}

/** The API's `queue` for the choice, or undefined when the person did not choose to wait. */
export function queueRequestOf(choice: QueueChoiceValue): { deadline?: string } | undefined {
  if (!choice.wait) return undefined;
  return choice.deadline ? { deadline: new Date(`${choice.deadline}:00+09:00`).toISOString() } : {};
}

export function QueueChoice({ value, onChange, error }: { value: QueueChoiceValue; onChange: (v: QueueChoiceValue) => void; error?: string }) {
  const t = useTranslations("clusters.queue");
  return (
    <div className="space-y-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm" data-testid="queue-choice">
      <label className="flex items-start gap-2">
        <input type="checkbox" className="mt-1" checked={value.wait} onChange={(e) => onChange({ ...value, wait: e.target.checked })} />
        <span>
          <span className="font-medium">{t("choose")}</span>
          <span className="block text-xs text-muted">{t("chooseHint")}</span>
        </span>
      </label>
      {value.wait ? <TextField label={t("deadlineLabel")} hint={t("deadlineHint")} type="datetime-local" value={value.deadline} onChange={(e) => onChange({ ...value, deadline: e.target.value })} error={error} /> : null}
    </div>
  );
}
