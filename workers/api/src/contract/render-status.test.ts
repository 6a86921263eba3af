import { describe, expect, it } from "vitest";
import { isTerminalRenderStatus, RENDER_STATUSES, renderStatusSchema } from "./render-status.ts";

describe("renderStatusSchema", () => {
  it("accepts every render status", () => {
    for (const status of RENDER_STATUSES) expect(renderStatusSchema.parse(status)).toBe(status);
  });

  it("rejects an unknown status, listing the statuses", () => {
    expect(renderStatusSchema.safeParse("paused").error?.issues[0]?.message).toBe(
      "status must be one of: queued, running, succeeded, failed, canceled",
    );
  });
});

describe("isTerminalRenderStatus", () => {
  it("is true only for succeeded, failed and canceled", () => {
    expect(RENDER_STATUSES.filter(isTerminalRenderStatus)).toEqual(["succeeded", "failed", "canceled"]);
  });
});
