"use client";
import { signOut } from "next-auth/react";
import { LogIn } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * How a session gets a stronger sign-in: end it and sign in again (the session's amr is written
 * once, at sign-in, and nothing a browser sends can raise it).
 */
export function SignInAgainButton({ label, callbackUrl, variant = "primary" }: { label: string; callbackUrl: string; variant?: "primary" | "secondary" }) {
  return (
    <Button
      variant={variant}
      onClick={async () => {
        await signOut({ redirect: false });
        window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      }}
    >
      <LogIn className="size-4" aria-hidden />
      {label}
    </Button>
  );
}
