import { CreateEndpointForm } from "@/components/endpoints/create-endpoint-form";

export default function NewEndpointPage() {
  return <CreateEndpointForm />;
}
