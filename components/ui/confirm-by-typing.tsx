"use client";
import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { TextField } from "./field";

/** Destroying needs typing the name (ux.md); the button stays disabled until it matches. */
export function ConfirmByTyping({
  open,
  onOpenChange,
  title,
  description,
  expected,
  inputLabel,
  confirmLabel,
  cancelLabel,
  closeLabel,
  pending,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  expected: string;
  inputLabel: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  closeLabel: string;
  pending?: boolean;
  onConfirm: () => void;
}) {
  const [typed, setTyped] = useState("");
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setTyped("");
        onOpenChange(next);
      }}
      title={title}
      description={description}
      closeLabel={closeLabel}
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {cancelLabel}
          </Button>
          <Button variant="danger" disabled={typed !== expected || pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <TextField label={inputLabel} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
    </Dialog>
  );
}
