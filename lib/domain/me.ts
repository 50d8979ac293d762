import { z } from "zod";
import { somethingToChange } from "./common";

export const UpdateMeInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    locale: z.enum(["ja", "en"]).optional(),
  })
  .refine(...somethingToChange);
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;
