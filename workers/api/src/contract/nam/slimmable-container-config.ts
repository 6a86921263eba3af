/** @module `slimmableContainerConfigSchema`: the `config` of a `"SlimmableContainer"` file (spec §7). */
import { z } from "zod";
import { NAM_MAX_SUBMODELS } from "./nam-limits.ts";
import { type NamFile, namModelSchema } from "./nam-model-schema.ts";

/** One size of a container: used for sizes `v < max_value` (the last one also above). */
export interface SlimmableContainerSubmodel {
  max_value: number;
  /** A complete `.nam` model, any architecture, with its own metadata and weights. */
  model: NamFile;
}

export interface SlimmableContainerConfig {
  submodels: SlimmableContainerSubmodel[];
}

/**
 * `{"submodels": [{"max_value", "model"}, …]}`. Order rules (`max_value` strictly ascending, last ≥ 1, equal sample
 * rates) are checked with the whole file. The nested model is referenced lazily (`nam-model-schema.ts` imports this).
 */
export const slimmableContainerConfigSchema: z.ZodType<SlimmableContainerConfig> = z.object({
  submodels: z
    .array(
      z.object({
        max_value: z.number(),
        model: z.lazy(() => namModelSchema),
      }),
    )
    .min(1, { error: "needs at least one submodel" })
    .max(NAM_MAX_SUBMODELS, {
      error: (issue) =>
        `${Array.isArray(issue.input) ? issue.input.length : "too many"} submodels exceed the limit of ${NAM_MAX_SUBMODELS} (NAM_MAX_SUBMODELS)`,
    }),
});
