import { SsoPanel } from "@/components/settings/sso-panel";

export default function SsoSettingsPage() {
  return <SsoPanel />;
}
