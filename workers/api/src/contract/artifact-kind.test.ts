import { describe, expect, it } from "vitest";
import { ARTIFACT_KINDS, artifactKindSchema } from "./artifact-kind.ts";

describe("artifactKindSchema", () => {
  it("accepts every artifact kind", () => {
    for (const kind of ARTIFACT_KINDS) expect(artifactKindSchema.parse(kind)).toBe(kind);
  });

  it("rejects another kind, listing the kinds", () => {
    expect(artifactKindSchema.safeParse("gif").error?.issues[0]?.message).toBe(
      `kind must be one of: ${ARTIFACT_KINDS.join(", ")}`,
    );
  });
});
