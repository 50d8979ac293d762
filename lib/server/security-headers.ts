import type { ServerResponse } from "node:http";

// Security headers on every response, set by the server in front of Next so that no route can
// forget them. The CSP allows our own origin only: the console loads nothing from other hosts.
// Next's hydration needs inline scripts; form-action must allow the SSO issuer because
// Chromium applies it to the redirect that follows the sign-in form.

export function contentSecurityPolicy(options: { dev: boolean; ssoIssuer?: string | null }): string {
  const formAction = ["'self'", options.ssoIssuer ? new URL(options.ssoIssuer).origin : null].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action ${formAction}`,
    "object-src 'none'",
  ].join("; ");
}

export function applySecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
}
