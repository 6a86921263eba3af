import { type ChainBlock, type ChainBlockInput, chainBlockSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { applyChain, type LoadIr, type RenderCapture } from "./apply-chain.ts";
import { applyDcBlocker } from "./apply-dc-blocker.ts";
import { applyDelay } from "./apply-delay.ts";
import { applyEq } from "./apply-eq.ts";
import { applyGain } from "./apply-gain.ts";
import { applyGate } from "./apply-gate.ts";
import { applyIr } from "./apply-ir.ts";
import { applyReverb } from "./apply-reverb.ts";
import { noise, sine } from "./test-support/signals.ts";

const FS = 48_000;

/** RMS level in dBFS over [start, end). */
function rmsDb(signal: Float32Array, start = 0, end = signal.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += (signal[i] as number) ** 2;
  return 10 * Math.log10(sum / (end - start));
}

/** Gain in dB of `process` on a steady sine at `frequencyHz`, measured over the second half of 1 s. */
function sineGainDb(process: (x: Float32Array) => Float32Array, frequencyHz: number): number {
  const x = sine(frequencyHz, -12, 1, FS);
  const y = process(x);
  return rmsDb(y, FS / 2, FS) - rmsDb(x, FS / 2, FS);
}

const block = (input: ChainBlockInput): ChainBlock => chainBlockSchema.parse(input);

describe("gain", () => {
  it("scales by 10^(gainDb/20)", () => {
    expect(applyGain(new Float32Array([0.5, -0.25]), 6.020599913)).toEqual(new Float32Array([1, -0.5]));
  });
});

describe("eq (RBJ biquads)", () => {
  it("a peaking band's response at its centre frequency equals its gain within 0.1 dB", () => {
    for (const [frequencyHz, gainDb, q] of [
      [1000, 6, 1],
      [120, -9, 2],
      [5000, 12, 0.7],
      [800, -24, 18],
    ] as const) {
      const measured = sineGainDb(
        (x) => applyEq(x, { bands: [{ kind: "peak", frequencyHz, gainDb, q }] }, FS),
        frequencyHz,
      );
      expect(Math.abs(measured - gainDb), `${frequencyHz} Hz ${gainDb} dB`).toBeLessThan(0.1);
    }
  });

  it("shelves reach their gain far from the corner and pass the other side", () => {
    const low = { bands: [{ kind: "lowShelf" as const, frequencyHz: 200, gainDb: 6, q: Math.SQRT1_2 }] };
    expect(Math.abs(sineGainDb((x) => applyEq(x, low, FS), 30) - 6)).toBeLessThan(0.1);
    expect(Math.abs(sineGainDb((x) => applyEq(x, low, FS), 5000))).toBeLessThan(0.1);
    const high = { bands: [{ kind: "highShelf" as const, frequencyHz: 4000, gainDb: -8, q: Math.SQRT1_2 }] };
    expect(Math.abs(sineGainDb((x) => applyEq(x, high, FS), 18_000) + 8)).toBeLessThan(0.2);
    expect(Math.abs(sineGainDb((x) => applyEq(x, high, FS), 200))).toBeLessThan(0.1);
  });

  it("high- and low-pass are −3 dB at their corners (Butterworth) and pass the band between", () => {
    const eq = { bands: [], highPassHz: 100, lowPassHz: 8000 };
    expect(Math.abs(sineGainDb((x) => applyEq(x, { bands: [], highPassHz: 100 }, FS), 100) + 3.01)).toBeLessThan(0.1);
    expect(Math.abs(sineGainDb((x) => applyEq(x, { bands: [], lowPassHz: 8000 }, FS), 8000) + 3.01)).toBeLessThan(0.1);
    expect(Math.abs(sineGainDb((x) => applyEq(x, eq, FS), 1000))).toBeLessThan(0.1);
    expect(sineGainDb((x) => applyEq(x, eq, FS), 25)).toBeLessThan(-20);
  });
});

describe("gate", () => {
  const settings = { thresholdDb: -50, attackMs: 1, holdMs: 10, releaseMs: 50 };

  it("silences noise below the threshold completely", () => {
    const hiss = noise(FS, 10 ** (-60 / 20), 5);
    const out = applyGate(hiss, settings, FS);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it("passes a note above the threshold after the attack, then closes after hold + release", () => {
    const x = new Float32Array(FS);
    x.set(sine(220, -20, 0.5, FS), 0);
    x.set(noise(FS / 2, 10 ** (-70 / 20), 2), FS / 2);
    const out = applyGate(x, settings, FS);
    const attack = Math.round(0.001 * FS);
    for (let i = attack + 1; i < FS / 2; i++) expect(out[i]).toBe(x[i]);
    // Detector release (20 ms to fall 30 dB ≈ 70 ms) + hold 10 ms + release 50 ms < 150 ms after the note.
    const closed = FS / 2 + Math.round(0.15 * FS);
    expect(out.subarray(closed).every((v) => v === 0)).toBe(true);
  });

  it("does not chatter on a level wandering ±2 dB around the threshold (6 dB hysteresis)", () => {
    const x = sine(440, -50, 1, FS);
    for (let i = 0; i < FS; i++) x[i] = (x[i] as number) * 10 ** ((2 * Math.sin((2 * Math.PI * 7 * i) / FS)) / 20);
    const out = applyGate(x, { ...settings, thresholdDb: -49 }, FS);
    // Once open, the gate never mutes a non-zero sample again.
    const opened = out.findIndex((v) => v !== 0);
    expect(opened).toBeGreaterThan(0);
    let closings = 0;
    for (let i = opened + FS / 100; i < FS; i++) if (out[i] === 0 && x[i] !== 0) closings++;
    expect(closings).toBe(0);
  });
});

describe("ir", () => {
  it("a one-tap IR at any level becomes unit gain (energy normalisation); mix blends dry and wet", () => {
    const x = noise(1000, 0.5, 1);
    const wet = applyIr(x, new Float32Array([0.1]), { mix: 1, gainDb: 0 });
    for (let i = 0; i < x.length; i++) expect(wet[i]).toBeCloseTo(x[i] as number, 6);
    const inverted = applyIr(x, new Float32Array([-3]), { mix: 0.5, gainDb: 0 });
    for (let i = 0; i < x.length; i++) expect(inverted[i]).toBeCloseTo(0, 6);
    const boosted = applyIr(x, new Float32Array([1]), { mix: 1, gainDb: 6.020599913 });
    expect(boosted[10]).toBeCloseTo(2 * (x[10] as number), 5);
  });
});

describe("delay", () => {
  it("repeats an impulse every timeMs with the feedback's decay, mixed", () => {
    const x = new Float32Array(FS);
    x[0] = 1;
    const out = applyDelay(x, { timeMs: 100, feedback: 0.5, mix: 0.25 }, FS);
    expect(out[0]).toBeCloseTo(0.75, 6);
    expect(out[4_800]).toBeCloseTo(0.25, 6);
    expect(out[9_600]).toBeCloseTo(0.125, 6);
    expect(out[14_400]).toBeCloseTo(0.0625, 6);
    expect(out[4_801]).toBe(0);
  });
});

describe("reverb (8-line FDN)", () => {
  function t60Seconds(decaySeconds: number): number {
    const x = new Float32Array(Math.round((decaySeconds * 1.5 + 0.5) * FS));
    x[0] = 1;
    const wet = applyReverb(x, { decaySeconds, preDelayMs: 0, mix: 1 }, FS);
    // Schroeder backward integration; T60 from the −5…−25 dB slope (T20 × 3), as ISO 3382 does.
    const edc = new Float64Array(wet.length);
    let sum = 0;
    for (let i = wet.length - 1; i >= 0; i--) {
      sum += (wet[i] as number) ** 2;
      edc[i] = sum;
    }
    const total = edc[0] as number;
    const at = (db: number) => edc.findIndex((e) => 10 * Math.log10(e / total) <= db);
    return ((at(-25) - at(-5)) / FS) * 3;
  }

  it("decays by 60 dB in about decaySeconds (within 25 %)", () => {
    for (const decaySeconds of [0.5, 1.5, 4]) {
      const measured = t60Seconds(decaySeconds);
      expect(Math.abs(measured / decaySeconds - 1), `${decaySeconds} s → ${measured.toFixed(2)} s`).toBeLessThan(0.25);
    }
  });

  it("stays stable and finite at the longest decay, and honours the pre-delay", () => {
    const x = noise(3 * FS, 1, 3);
    const out = applyReverb(x, { decaySeconds: 10, preDelayMs: 200, mix: 1 }, FS);
    expect(out.every(Number.isFinite)).toBe(true);
    expect(Math.abs(rmsDb(out, 2 * FS, 3 * FS) - rmsDb(x))).toBeLessThan(10);
    const impulse = new Float32Array(FS);
    impulse[0] = 1;
    const delayed = applyReverb(impulse, { decaySeconds: 1, preDelayMs: 50, mix: 1 }, FS);
    const first = delayed.findIndex((v) => v !== 0);
    expect(first).toBeGreaterThanOrEqual(Math.round(0.05 * FS));
  });
});

describe("DC blocker (5 Hz)", () => {
  it("removes DC and loses < 0.1 dB at 80 Hz", () => {
    const dc = new Float32Array(2 * FS).fill(0.5);
    const out = applyDcBlocker(dc, FS);
    expect(Math.abs(out[out.length - 1] as number)).toBeLessThan(1e-4);
    const lossDb = sineGainDb((x) => applyDcBlocker(x, FS), 80);
    console.log(`DC blocker at 80 Hz: ${lossDb.toFixed(4)} dB`);
    expect(Math.abs(lossDb)).toBeLessThan(0.1);
  });
});

describe("applyChain", () => {
  it("runs enabled blocks in order, delegates captures, resamples IRs, then blocks DC", async () => {
    const calls: string[] = [];
    const renderCapture: RenderCapture = async (capture, input, sampleRateHz) => {
      calls.push(`capture ${capture.assetId} at ${sampleRateHz} Hz, first ${input[0]?.toFixed(3)}`);
      return input.map((v) => v * 2);
    };
    const loadIr: LoadIr = async (ir) => {
      calls.push(`ir ${ir.assetId}`);
      return { sampleRateHz: 44_100, channels: [new Float32Array([1, 0, 0, 0])], name: "cab.wav" };
    };
    const input = new Float32Array(FS).fill(0.25);
    const blocks = [
      block({ type: "gain", gainDb: 6.020599913 }),
      block({ type: "gain", gainDb: 40, enabled: false }),
      block({ type: "capture", assetId: "amp_00000001" }),
      block({ type: "ir", assetId: "cab_00000001" }),
    ];
    const out = await applyChain({ blocks, input, sampleRateHz: FS, renderCapture, loadIr });
    expect(calls).toEqual(["capture amp_00000001 at 48000 Hz, first 0.500", "ir cab_00000001"]);
    expect(out).toHaveLength(FS);
    // 0.25 × 2 (gain) × 2 (capture) = 1.0 DC at the first sample; the DC blocker then drains it.
    expect(out[0]).toBeCloseTo(1, 1);
    expect(Math.abs(out[FS - 1] as number)).toBeLessThan(0.2);
  });

  it("rejects a capture that returns the wrong length", async () => {
    const renderCapture: RenderCapture = async (_capture, input) => input.subarray(1);
    await expect(
      applyChain({
        blocks: [block({ type: "capture", assetId: "amp_00000001" })],
        input: new Float32Array(100),
        sampleRateHz: FS,
        renderCapture,
        loadIr: async () => ({ sampleRateHz: FS, channels: [] }),
      }),
    ).rejects.toThrow(/returned 99 samples for 100/);
  });
});
