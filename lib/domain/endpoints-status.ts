// Endpoint statuses as plain data, for the browser (lib/domain/endpoints.ts pulls in zod).
export const EndpointStatus = ["provisioning", "running", "updating", "deleting", "deleted", "failed"] as const;
export const AUTOSCALING_METRICS = ["concurrent_requests", "tokens_per_second"] as const;
