import { defineConfig } from "drizzle-kit";

// One schema, one set of migrations, applied on start to PGlite or PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./lib/db/schema/index.ts", "./lib/control-plane/sim/schema.ts"],
  out: "./lib/db/migrations",
});
