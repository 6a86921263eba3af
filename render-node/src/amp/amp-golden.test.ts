import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeWithSharedFixtures, sharedFixture } from "../../../dev/test-support/shared-fixtures.ts";
import { loadAmp } from "./amp-runner.ts";
import { readMonoWav } from "./amp-wav.ts";

/** Golden file → capture and size, as listed in `fixtures/reference/README.md`. */
const GOLDEN_CASES: readonly { golden: string; model: string; size?: number }[] = [
  { golden: "gojira_left.jcm800.namcore.wav", model: "jcm800-capture-3.nam" },
  { golden: "gojira_left.core__lstm.namcore.wav", model: "core__lstm.nam" },
  { golden: "gojira_left.core__A2.namcore.wav", model: "core__A2.nam" },
  { golden: "gojira_left.core__A2.slim0.25.namcore.wav", model: "core__A2.nam", size: 0.25 },
  { golden: "gojira_left.core-pr265__mesa_rectifier_a2.namcore.wav", model: "core-pr265__mesa_rectifier_a2.nam" },
  { golden: "gojira_left.core-pr265__dumble.namcore.wav", model: "core-pr265__dumble.nam" },
  { golden: "gojira_left.core__wavenet.namcore.wav", model: "core__wavenet.nam" },
  { golden: "gojira_left.core__wavenet_a2_max.namcore.wav", model: "core__wavenet_a2_max.nam" },
];

const INPUT = "gojira_left.mono.f32.wav";

function compare(actual: Float32Array, expected: Float32Array): { maxAbsError: number; esr: number; peak: number } {
  let maxAbsError = 0;
  let errorEnergy = 0;
  let signalEnergy = 0;
  let peak = 0;
  for (let i = 0; i < expected.length; i++) {
    const y = expected[i] ?? 0;
    const e = (actual[i] ?? Number.NaN) - y;
    maxAbsError = Math.max(maxAbsError, Math.abs(e));
    errorEnergy += e * e;
    signalEnergy += y * y;
    peak = Math.max(peak, Math.abs(y));
  }
  return { maxAbsError, esr: errorEnergy / signalEnergy, peak };
}

async function input(): Promise<Float32Array> {
  return (await readMonoWav(sharedFixture("reference", INPUT))).samples;
}

describeWithSharedFixtures("amp engine vs the official NAM core (golden renders)", () => {
  it("has a case for every golden file in fixtures/reference", () => {
    const goldens = readdirSync(sharedFixture("reference")).filter((f) => f.endsWith(".namcore.wav"));
    expect(goldens.sort()).toEqual(GOLDEN_CASES.map((c) => c.golden).sort());
  });

  for (const { golden, model, size } of GOLDEN_CASES) {
    it(`${model}${size === undefined ? "" : ` at size ${size}`} matches ${golden} (max abs ≤ 2e-5·max(1, peak), ESR ≤ 1e-8)`, async () => {
      const amp = await loadAmp(sharedFixture("nam", model), { threads: 1, ...(size === undefined ? {} : { size }) });
      const x = await input();
      const expected = (await readMonoWav(sharedFixture("reference", golden))).samples;
      const y = await amp.run(x, 48_000);
      expect(y.length).toBe(x.length);
      const { maxAbsError, esr, peak } = compare(y, expected);
      console.log(
        `golden ${golden}: max abs error ${maxAbsError.toExponential(2)} (peak ${peak.toFixed(4)}), ESR ${esr.toExponential(2)}`,
      );
      expect(maxAbsError).toBeLessThanOrEqual(2e-5 * Math.max(1, peak));
      expect(esr).toBeLessThanOrEqual(1e-8);
    });
  }

  describe("chunked processing equals one-shot processing (within 1e-6)", () => {
    for (const model of ["jcm800-capture-3.nam", "core__lstm.nam", "core__A2.nam"]) {
      it(model, async () => {
        const x = await input();
        const oneShot = await (await loadAmp(sharedFixture("nam", model), { threads: 1, chunkSamples: x.length })).run(
          x,
        );
        for (const chunkSamples of [4_097, 65_537]) {
          const chunked = await (await loadAmp(sharedFixture("nam", model), { threads: 1, chunkSamples })).run(x);
          const { maxAbsError } = compare(chunked, oneShot);
          console.log(`chunked ${model} @ ${chunkSamples}: max abs difference ${maxAbsError.toExponential(2)}`);
          expect(maxAbsError).toBeLessThanOrEqual(1e-6);
        }
        const inPlace = x.slice();
        const returned = await (await loadAmp(sharedFixture("nam", model), { threads: 1, chunkSamples: 4_097 })).run(
          inPlace,
          48_000,
          { inPlace: true },
        );
        expect(returned).toBe(inPlace);
        expect(compare(inPlace, oneShot).maxAbsError).toBeLessThanOrEqual(1e-6);
      });
    }
  });

  describe("every fixture capture loads and renders", () => {
    const captures = readdirSync(sharedFixture("nam")).filter((f) => f.endsWith(".nam"));
    for (const model of captures) {
      it(model, async () => {
        const x = (await input()).subarray(0, 48_000);
        const amp = await loadAmp(sharedFixture("nam", model), { threads: 1 });
        const y = await amp.run(x);
        expect(y.length).toBe(x.length);
        expect(y.every(Number.isFinite)).toBe(true);
        if (model.startsWith("trainer__")) {
          // The trainer's identity models return their input exactly (fixtures/nam/SOURCES.md).
          expect(compare(y, x).maxAbsError).toBe(0);
        }
      });
    }
  });
});
