"use client";
import { lazy, Suspense, useState } from "react";
import type { DialogProps } from "./dialog-frame";

// Every console dialog opens through this one component. A dialog is code no first paint needs
// (Radix's focus trap, scroll lock, portal): it loads the first time a dialog opens, and stays
// mounted after that so closing it animates and returns focus as Radix does.
const DialogFrame = lazy(() => import("./dialog-frame").then((m) => ({ default: m.DialogFrame })));

export function Dialog(props: DialogProps) {
  const [opened, setOpened] = useState(props.open);
  if (props.open && !opened) setOpened(true);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <DialogFrame {...props} />
    </Suspense>
  );
}
