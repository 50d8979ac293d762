import { CapabilityPlaceholder } from "@/components/shell/capability-placeholder";

export default function Page() {
  return <CapabilityPlaceholder area="endpoints" />;
}
