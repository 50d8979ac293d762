import { CredentialsSignin } from "next-auth";
import type { NextAuthConfig } from "next-auth";

// What Auth.js writes to the console's log. Its default prints every refused sign-in as an error
// with a stack trace — a wrong password, or the ordinary first step of a sign-in with a second
// factor ("now the code"). An operator alerting on errors would be paged by every person typing a
// password. A refusal is one line without the address or any secret (the reason code only; the
// throttle keeps the counts); anything else is an error, printed as Auth.js would.

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

export const authLogger: AuthLogger = {
  error(error: Error) {
    if (error instanceof CredentialsSignin) {
      console.info(`[auth] sign-in refused: ${error.code}`);
      return;
    }
    const name = "type" in error && typeof error.type === "string" ? error.type : error.name;
    console.error(`[auth][error] ${name}: ${error.message}`);
    const cause = error.cause as { err?: unknown } | undefined;
    if (cause && typeof cause === "object" && cause.err instanceof Error) console.error("[auth][cause]:", cause.err.stack);
    else if (error.stack) console.error(error.stack);
  },
};
