"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Permission } from "@/lib/domain/permissions";

// The org being viewed and what the viewer may do in it, for every component of the page. The
// UI hides what the permission table forbids; the server refuses it regardless.

export interface OrgContextValue {
  slug: string;
  orgName: string;
  role: string | null;
  via: "member" | "staff";
  permissions: Permission[];
  userId: string;
}

const Ctx = createContext<OrgContextValue | null>(null);

export function OrgProvider({ value, children }: { value: OrgContextValue; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useOrg(): OrgContextValue {
  const value = useContext(Ctx);
  if (!value) throw new Error("useOrg outside an org page");
  return value;
}

export function useCan(permission: Permission): boolean {
  return useOrg().permissions.includes(permission);
}
