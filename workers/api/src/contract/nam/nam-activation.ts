/** @module `namActivationSchema`: an activation as the NAM core reads it (spec §2.1), string or object form. */
import { z } from "zod";

/**
 * Every activation name the core registers (spec §2.1), case-sensitive. `LeakyHardTanh` is the core's alias of
 * `LeakyHardtanh`. Trainer-only names (`Softsigmoid`, `GELU`, `ELU`, …) make the core fail to load, so they are not
 * here.
 */
export const NAM_ACTIVATION_NAMES = [
  "Tanh",
  "Fasttanh",
  "Hardtanh",
  "LeakyHardtanh",
  "LeakyHardTanh",
  "ReLU",
  "LeakyReLU",
  "PReLU",
  "Sigmoid",
  "SiLU",
  "Hardswish",
  "Softsign",
] as const;

export type NamActivationName = (typeof NAM_ACTIVATION_NAMES)[number];

function unknownActivation(input: unknown): string {
  return `unknown activation ${JSON.stringify(input)} (expected one of ${NAM_ACTIVATION_NAMES.join(", ")})`;
}

const nameSchema = z.enum(NAM_ACTIVATION_NAMES, { error: (issue) => unknownActivation(issue.input) });

/** Activations without parameters (object form `{"type": "Tanh"}`). */
const plainActivationSchema = z.object({
  type: z.enum(["Tanh", "Fasttanh", "ReLU", "Sigmoid", "SiLU", "Hardswish", "Softsign"]),
});

/** `Hardtanh` bounds are ignored by the core (always ±1, spec §2.1, §3.8.4); the trainer may export them. */
const hardtanhSchema = z.object({
  type: z.literal("Hardtanh"),
  min_val: z.number().optional(),
  max_val: z.number().optional(),
});

const leakyHardtanhSchema = z.object({
  type: z.enum(["LeakyHardtanh", "LeakyHardTanh"]),
  min_val: z.number().default(-1),
  max_val: z.number().default(1),
  min_slope: z.number().default(0.01),
  max_slope: z.number().default(0.01),
});

const leakyReluSchema = z.object({
  type: z.literal("LeakyReLU"),
  negative_slope: z.number().default(0.01),
});

/**
 * PReLU takes one slope for every channel (`negative_slopes`, whose length is checked against the layer's width
 * later) or one shared slope (`negative_slope`, default 0.01). Giving both is ambiguous, so it is rejected.
 */
const preluSchema = z
  .object({
    type: z.literal("PReLU"),
    negative_slope: z.number().optional(),
    negative_slopes: z.array(z.number()).min(1).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.negative_slope !== undefined && value.negative_slopes !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["negative_slopes"],
        message: "give either negative_slope (one slope) or negative_slopes (one per channel), not both",
      });
    }
  })
  .transform((value) =>
    value.negative_slope === undefined && value.negative_slopes === undefined
      ? { ...value, negative_slope: 0.01 }
      : value,
  );

const objectActivationSchema = z.discriminatedUnion(
  "type",
  [plainActivationSchema, hardtanhSchema, leakyHardtanhSchema, leakyReluSchema, preluSchema],
  {
    error: (issue) => {
      const input = issue.input;
      const type = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
      return type === undefined ? 'activation object needs a "type"' : unknownActivation(type);
    },
  },
);

/**
 * An activation: a name (`"Tanh"`) or an object (`{"type": "LeakyReLU", "negative_slope": 0.2}`), with the object's
 * parameters defaulted as in spec §2.1. Unknown names are rejected with the list of known ones.
 */
export const namActivationSchema = z.union([z.string().pipe(nameSchema), objectActivationSchema]);

export type NamActivation = z.output<typeof namActivationSchema>;

/** The activation's name (`type` of the object form); the `LeakyHardTanh` alias is reported as written. */
export function namActivationType(activation: NamActivation): NamActivationName {
  return typeof activation === "string" ? activation : activation.type;
}

/** Number of per-channel PReLU slopes, or `null` when the activation has no per-channel parameters. */
export function namActivationChannelCount(activation: NamActivation): number | null {
  if (typeof activation === "string" || activation.type !== "PReLU") return null;
  return activation.negative_slopes?.length ?? null;
}
