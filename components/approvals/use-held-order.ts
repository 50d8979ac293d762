"use client";
import { useState } from "react";
import { approvalRequiredBy, type ApprovalRequirement } from "@/lib/client/approvals/approval-required";
import { approvalPart, NO_HELD_ORDER_TEXT, type HeldOrderText } from "./held-order-fields";

/**
 * The 件名・目的 step of an order form, given its mutation's last error: once the API said a 稟議
 * rule holds the order, `requirement` stays (the fields stay on screen until the order is sent),
 * `askedNow` is true while that answer is the form's current error (show the fields, not an alert),
 * and `approval` is the part to spread into the order once both fields are filled.
 */
export function useHeldOrder(error: unknown, known: ApprovalRequirement | null = null) {
  const [text, setText] = useState<HeldOrderText>(NO_HELD_ORDER_TEXT);
  const [requirement, setRequirement] = useState<ApprovalRequirement | null>(null);
  const askedNow = approvalRequiredBy(error);
  if (askedNow && !requirement) setRequirement(askedNow);
  // `known`: what the form learned before ordering (a reservation's quote says when the contract
  // needs the account manager's approval), so 件名・目的 are asked for on the first submit.
  const current = requirement ?? askedNow ?? known;
  const approval = approvalPart(current, text);
  return { requirement: current, askedNow: askedNow !== null, text, setText, approval, waiting: current !== null && !approval.approval };
}
