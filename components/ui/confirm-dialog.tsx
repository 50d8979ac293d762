"use client";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

/** "Are you sure?" for a reversible-in-spirit but consequential action (revoke, remove). */
export function ConfirmDialog({
  open,
  onCancel,
  title,
  description,
  confirmLabel,
  cancelLabel,
  closeLabel,
  pending,
  onConfirm,
  tone = "danger",
}: {
  open: boolean;
  onCancel: () => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  closeLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  tone?: "danger" | "primary";
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onCancel()}
      title={title}
      description={description}
      closeLabel={closeLabel}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button variant={tone} disabled={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    />
  );
}
