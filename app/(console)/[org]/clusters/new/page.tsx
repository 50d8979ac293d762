import { LaunchWizard } from "@/components/clusters/launch-wizard";
import { listShapes } from "@/lib/services/catalog/list-shapes";

// ?shape= and ?zone= come from the shapes page's 「このシェイプで作成」 and from a suggestion
// elsewhere; the wizard checks them against the catalog itself.
export default async function NewClusterPage({ searchParams }: { searchParams: Promise<{ shape?: string; zone?: string }> }) {
  const { shape, zone } = await searchParams;
  const offerings = Object.fromEntries(listShapes().map((s) => [s.id, s.regionIds]));
  return <LaunchWizard offerings={offerings} initialShapeId={typeof shape === "string" ? shape : undefined} initialZoneId={typeof zone === "string" ? zone : undefined} />;
}
