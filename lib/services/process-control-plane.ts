import "server-only";
import { getControlPlane, type ControlPlane } from "@/lib/control-plane";

// The process's control plane, for the edge: route handlers, server actions and background task
// registrations (which may not import lib/control-plane themselves) fetch it here and pass it to
// the service they call, so a test or a second implementation plugs in the same way.
export function processControlPlane(): Promise<ControlPlane> {
  return getControlPlane();
}
