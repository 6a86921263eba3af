/** @module `NamRuleViolation`: a structurally valid config that breaks a rule of the spec, located by its path. */
/**
 * Thrown by the cross-field checks and the resolvers; `namFileSchema` turns it into a zod issue at `path`,
 * `parseNamFile` into a `NamValidationError`.
 */
export class NamRuleViolation extends Error {
  override readonly name = "NamRuleViolation";
  /** zod-style path of the offending field, from the root of the file. */
  readonly path: readonly PropertyKey[];

  constructor(path: readonly PropertyKey[], message: string) {
    super(message);
    this.path = path;
  }
}
