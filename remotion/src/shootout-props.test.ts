import { describe, expect, it } from "vitest";
import { DEMO_PROPS } from "./demo-props.ts";
import { shootoutPropsSchema } from "./shootout-props.ts";

describe("shootoutPropsSchema", () => {
  it("accepts the Studio's demo props", () => {
    expect(shootoutPropsSchema.parse(DEMO_PROPS)).toEqual(DEMO_PROPS);
  });

  it("rejects a cue that names a chain the video has no card for", () => {
    const cues = [{ startSeconds: 0, endSeconds: 4, chainIndex: 3, diIndex: 0 }];
    const result = shootoutPropsSchema.safeParse({ ...DEMO_PROPS, cues });
    expect(result.error?.issues[0]?.path).toEqual(["cues", 0, "chainIndex"]);
    expect(result.error?.issues[0]?.message).toMatch(/chainIndex 3 names no chain \(there are 3\)/);
  });

  it("rejects cues that run past the end of the program", () => {
    const result = shootoutPropsSchema.safeParse({ ...DEMO_PROPS, durationSeconds: 40 });
    expect(result.error?.issues[0]?.message).toMatch(/ends at 44 s, after the program ends at 40 s/);
  });

  it("draws at 30 fps unless told otherwise", () => {
    const { drawFps: _, ...rest } = DEMO_PROPS;
    expect(shootoutPropsSchema.parse(rest).drawFps).toBe(30);
  });
});
