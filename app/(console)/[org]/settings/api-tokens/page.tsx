import { ApiTokensPanel } from "@/components/settings/api-tokens-panel";

export default function ApiTokensPage() {
  return <ApiTokensPanel />;
}
