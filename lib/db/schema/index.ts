// Every table of the console, in one namespace for drizzle's relational queries.
export * from "./foundation";
export * from "./quotas";
export * from "./attestation";
export * from "./billing";
export * from "./clusters";
export * from "./operations";
export * from "./endpoints";
export * from "./notifications";
export * from "./staff";
export * from "./notification-email";
export * from "./sign-in-throttles";
export * from "./identity";
export * from "./leases";
export * from "./mfa";
