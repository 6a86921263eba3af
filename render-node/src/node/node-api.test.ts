import { describe, expect, it } from "vitest";
import { isTransientInputResponse } from "./node-api.ts";

describe("isTransientInputResponse", () => {
  it("is true for the api's transient policy or any no-store directive, whatever the case", () => {
    for (const headers of [
      { "X-GTS-Input-Policy": "transient" },
      { "x-gts-input-policy": " Transient " },
      { "Cache-Control": "no-store" },
      { "Cache-Control": "private, No-Store, max-age=0" },
    ]) {
      expect(isTransientInputResponse(new Headers(headers)), JSON.stringify(headers)).toBe(true);
    }
  });

  it("is false for an ordinary input response", () => {
    for (const headers of [
      {},
      { "Cache-Control": "private, max-age=3600" },
      { "Cache-Control": "no-cache" },
      { "X-GTS-Input-Policy": "cacheable" },
    ]) {
      expect(isTransientInputResponse(new Headers(headers)), JSON.stringify(headers)).toBe(false);
    }
  });
});
