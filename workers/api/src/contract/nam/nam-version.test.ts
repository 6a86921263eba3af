import { describe, expect, it } from "vitest";
import { namVersionProblem, namVersionWarning, parseNamVersion } from "./nam-version.ts";

describe("namVersionProblem", () => {
  it.each(["0.5.0", "0.5.4", "0.6.0", "0.7.0", "0.7.9"])("accepts %s", (version) => {
    expect(namVersionProblem(version)).toBeNull();
  });

  it.each(["0.4.9", "0.8.0", "1.0.0", "0.10.0", "2.5.0"])("rejects %s as unsupported", (version) => {
    expect(namVersionProblem(version)).toBe(`unsupported file version "${version}" (accepted: 0.5.0 up to 0.7.x)`);
  });

  it.each(["abc", "", "0.5", "0.5.4.1", " 0.5.4", "0.5.x"])("rejects %j as not a version string", (version) => {
    expect(namVersionProblem(version)).toMatch(/is not a file version \(expected MAJOR\.MINOR\.PATCH/);
  });
});

describe("namVersionWarning", () => {
  it("warns about 0.7.x with x > 0, which the core loads as partially supported", () => {
    expect(namVersionWarning("0.7.1")).toContain("only partially supported");
  });

  it.each(["0.7.0", "0.6.3", "0.5.4"])("stays silent for %s", (version) => {
    expect(namVersionWarning(version)).toBeNull();
  });
});

describe("parseNamVersion", () => {
  it("splits MAJOR.MINOR.PATCH into numbers", () => {
    expect(parseNamVersion("0.12.3")).toEqual({ major: 0, minor: 12, patch: 3 });
  });
});
