import { z } from "zod";

export const UpdateMeInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  locale: z.enum(["ja", "en"]).optional(),
});
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;
