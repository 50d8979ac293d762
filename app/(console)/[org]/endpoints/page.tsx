import { EndpointsList } from "@/components/endpoints/endpoints-list";

export default function EndpointsPage() {
  return <EndpointsList />;
}
