/**
 * @module Small real inputs for render-node tests: a DI riff, a cab IR and synthetic `.nam` captures as bytes with
 * their SHA-256, and a TONE3000 reference. Shared so every test renders the same kind of material.
 */
import { createHash } from "node:crypto";
import type { Tone3000Reference } from "@gts/api/contract";
import { synthNamCapture } from "../../../dev/demo/synth-nam-capture.ts";
import { encodeWav } from "../dsp/encode-wav.ts";
import { guitarRiff, noise } from "../dsp/test-support/signals.ts";

export interface TestAsset {
  assetId: string;
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
}

export function testAsset(assetId: string, fileName: string, bytes: Uint8Array | string): TestAsset {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return { assetId, fileName, bytes: data, sha256: createHash("sha256").update(data).digest("hex") };
}

/** A 1.5 s guitar-like DI riff at `sampleRateHz`. */
export function testDi(assetId: string, sampleRateHz: number): TestAsset {
  return testAsset(assetId, "riff.wav", encodeWav([guitarRiff(1.5, sampleRateHz)], sampleRateHz));
}

/** A short decaying-noise cabinet IR at 48 kHz. */
export function testIr(assetId: string): TestAsset {
  return testAsset(assetId, "cab.wav", encodeWav([noise(2_048, 1, 3).map((v, i) => v * Math.exp(-i / 300))], 48_000));
}

/** A small synthetic WaveNet capture (see dev/demo/synth-nam-capture.ts). */
export function testCapture(
  assetId: string,
  fileName: string,
  name: string,
  variant: "clean" | "crunch" | "high-gain",
): TestAsset {
  return testAsset(assetId, fileName, JSON.stringify(synthNamCapture({ name, variant })));
}

/** A TONE3000 model reference as the api freezes it into a render spec. */
export const TEST_TONE3000_REFERENCE: Tone3000Reference = {
  toneId: 77,
  modelId: 4242,
  toneTitle: "JCM800 2203",
  modelName: "JCM800 capture 3",
  creator: "szymon",
  licence: "cc-by",
  toneUrl: "https://www.tone3000.com/tones/jcm800-2203-77",
};
