import type { MailTransport } from "./deliver-pending-emails";

// Without an SMTP server (the embedded default), mail to addresses is printed to the server's
// log instead of sent: whoever runs the console reads it there and hands the link on. It is
// never shown to the person who caused the mail (an inviter sees "sent", not the link).

export function logTransport(write: (text: string) => void = (text) => console.log(text)): MailTransport {
  let counter = 0;
  return {
    async sendMail(message) {
      write(
        [
          `[mail] To: ${message.to} (HINOKI_SMTP_URL is not set: printed here instead of sent)`,
          `Subject: ${message.subject}`,
          "",
          message.text,
          `[/mail] ${message.to}`,
        ].join("\n"),
      );
      return { messageId: `log-${Date.now()}-${++counter}` };
    },
  };
}
