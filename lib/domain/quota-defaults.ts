// Plain constants of quotas, kept apart from the zod schemas in ./quotas so that browser code can
// use them without shipping zod.

/** GPUs an org may hold per region and GPU model until a larger limit is granted. */
export const DEFAULT_GPU_QUOTA = 16;
