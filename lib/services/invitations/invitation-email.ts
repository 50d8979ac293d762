import { MESSAGES } from "@/lib/i18n/messages";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { OrgRole } from "@/lib/domain/permissions";
import type { InvitingOrg } from "@/lib/domain/invitations";

// The invitation e-mail: the only place the accept link ever appears. The invitee may have no
// account (and so no language setting) yet, so it is written in Japanese, then English, each
// with the org's legal name in that language and its 法人番号, so a look-alike org is plain.

export interface InvitationEmailFacts {
  to: string;
  org: InvitingOrg;
  role: OrgRole;
  inviter: { name: string; email: string };
  expiresAt: Date;
  link: string;
}

/**
 * Names come from whoever set up the inviting org: a line break in one must not start a line of
 * its own in the message (or a forged "[mail]" block in the server log), so control characters
 * become spaces.
 */
function fill(text: string, params: Record<string, string>): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? params[name].replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ") : whole));
}

function section(locale: Locale, facts: InvitationEmailFacts): string {
  const m = MESSAGES[locale].invitations.email;
  const org = locale === "ja" ? facts.org.legalNameJa : facts.org.legalNameEn;
  const corporateNumber = facts.org.corporateNumber ? fill(m.corporateNumber, { number: facts.org.corporateNumber }) : m.noCorporateNumber;
  const role = MESSAGES[locale].common.roles[facts.role];
  return [
    fill(m.greeting, { email: facts.to }),
    "",
    fill(m.body, { inviter: facts.inviter.name, inviterEmail: facts.inviter.email, org, corporateNumber, role }),
    "",
    fill(m.action, { expires: formatDateTime(facts.expiresAt, locale) }),
    facts.link,
    "",
    m.ignore,
  ].join("\n");
}

export function renderInvitationEmail(facts: InvitationEmailFacts): { subject: string; text: string } {
  const subject = `[Hinoki] ${fill(MESSAGES.ja.invitations.email.subject, { org: facts.org.legalNameJa })} / ${fill(MESSAGES.en.invitations.email.subject, { org: facts.org.legalNameEn })}`;
  const text = [section("ja", facts), "", "――――――――――――――――――――", "", section("en", facts), "", "--", "Hinoki Cloud株式会社"].join("\n");
  return { subject, text };
}
