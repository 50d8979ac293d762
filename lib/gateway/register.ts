import { registerEdgeHandler } from "@/lib/server/edge-handlers";
import { handleInference, matchesInference } from "./handler";

// Mounts the gateway in front of Next (lib/server/main.ts asks edge handlers first).
registerEdgeHandler({ name: "inference-gateway", matches: matchesInference, handle: handleInference });
