import "server-only";
import { modelCatalog, type ModelCatalogEntry } from "@/lib/domain/endpoints";

/** The model catalog with the shapes each model fits and their prices (public, like the price list). */
export function listModels(): ModelCatalogEntry[] {
  return modelCatalog();
}
