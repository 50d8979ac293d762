import "server-only";
export * from "./client";
export * as tables from "./schema";
