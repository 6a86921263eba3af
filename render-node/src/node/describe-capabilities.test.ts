import { ENGINE_VERSION } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { describeCapabilities } from "./describe-capabilities.ts";

describe("describeCapabilities", () => {
  it("reports the CPU provider of the installed onnxruntime-node and this machine's cores", () => {
    const capabilities = describeCapabilities();
    expect(capabilities.engineVersion).toBe(ENGINE_VERSION);
    expect(capabilities.onnxruntimeVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(capabilities.executionProviders.at(-1)).toBe("cpu");
    expect(capabilities.cpuCores).toBeGreaterThanOrEqual(1);
    expect(capabilities.memoryBytes).toBeGreaterThan(0);
  });

  it("does not claim CUDA when its libraries were not installed (the default, offline install)", () => {
    const { executionProviders } = describeCapabilities();
    if (process.env.ONNXRUNTIME_NODE_INSTALL === "skip") expect(executionProviders).not.toContain("cuda");
    expect(new Set(executionProviders).size).toBe(executionProviders.length);
  });
});
