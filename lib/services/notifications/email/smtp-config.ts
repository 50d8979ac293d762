// E-mail goes out only when an SMTP server is configured (e.g. HINOKI_SMTP_URL=smtp://mail:25).
export interface SmtpConfig {
  url: string;
  from: string;
  consoleUrl: string;
}

/** The console's address as people reach it, for links in e-mail. */
export function consoleUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.HINOKI_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, "");
}

export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.HINOKI_MAIL_FROM ?? "Hinoki <noreply@hinoki.example>";
}

export function smtpConfig(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  if (!env.HINOKI_SMTP_URL) return null;
  return { url: env.HINOKI_SMTP_URL, from: mailFrom(env), consoleUrl: consoleUrl(env) };
}
