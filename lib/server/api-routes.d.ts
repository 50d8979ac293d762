// The virtual module made by scripts/build-server.mjs: every app/api/v1/**/route.ts with its path.
declare module "hinoki:api-routes" {
  import type { RouteFile } from "./api-route-table";
  const routes: readonly RouteFile[];
  export default routes;
}
