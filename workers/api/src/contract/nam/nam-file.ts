/** @module `namFileSchema`: a complete, loadable `.nam` file — `namModelSchema` plus every rule between fields. */
import type { z } from "zod";
import { checkNamModel } from "./check-nam-model.ts";
import { type NamFile, namModelSchema } from "./nam-model-schema.ts";
import { NamRuleViolation } from "./nam-rule-violation.ts";

/**
 * The structure of `namModelSchema` plus the rules of `checkNamModel` (spec §9 rejections, exact weight counts, our
 * limits). `parseNamFile` gives user-facing errors; this schema suits places that take zod schemas (tRPC inputs).
 */
export const namFileSchema: z.ZodType<NamFile> = namModelSchema.superRefine(
  (file, ctx) => {
    try {
      checkNamModel(file);
    } catch (error) {
      if (!(error instanceof NamRuleViolation)) throw error;
      ctx.addIssue({ code: "custom", path: [...error.path], message: error.message });
    }
  },
  // Only on a structurally valid file: zod runs refinements after non-aborting issues (e.g. a value over its max),
  // when defaults and transforms have not been applied.
  { when: (payload) => payload.issues.length === 0 },
);
