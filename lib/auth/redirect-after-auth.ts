import { sameOriginPath } from "@/lib/domain/safe-redirect";

/**
 * Auth.js's redirect callback: where the browser goes after the SSO round trip and after
 * sign-out. Only a path on this console, never another host (lib/domain/safe-redirect.ts).
 */
export function redirectAfterAuth({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return `${new URL(baseUrl).origin}${sameOriginPath(url, baseUrl)}`;
}
