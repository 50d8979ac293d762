import { LaunchWizard } from "@/components/clusters/launch-wizard";

export default function NewClusterPage() {
  return <LaunchWizard />;
}
