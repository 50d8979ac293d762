import { EmailPreferencesPanel } from "@/components/settings/email-preferences-panel";

export default function NotificationSettingsPage() {
  return <EmailPreferencesPanel />;
}
