import { ClustersList } from "@/components/clusters/clusters-list";

export default function ClustersPage() {
  return <ClustersList />;
}
