import "server-only";
import { registerHealthProbe } from "../health/get-health";
import { probeControlPlane } from "./probe-control-plane";

// Loaded by lib/server/capabilities.ts: /api/health reports the GPU control plane.
registerHealthProbe("controlPlane", () => probeControlPlane());
