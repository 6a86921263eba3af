import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeWithSharedFixtures, sharedFixture } from "../../../dev/test-support/shared-fixtures.ts";
import { applyGain } from "./apply-gain.ts";
import { applyIr } from "./apply-ir.ts";
import { biquadGainDb } from "./biquad.ts";
import { decodeAudio } from "./decode-audio.ts";
import { encodeWav } from "./encode-wav.ts";
import { kWeighting } from "./k-weighting.ts";
import { measureLoudness } from "./measure-loudness.ts";
import { resample } from "./resample.ts";
import { ffmpegEbur128, hasFfmpeg } from "./test-support/ffmpeg-ebur128.ts";
import { fadeEnds, guitarRiff, sine, toneSequence } from "./test-support/signals.ts";

const FS = 48_000;
const fast = { truePeak: false } as const;

function stereo(mono: Float32Array): Float32Array[] {
  return [mono, mono.slice()];
}

describe("kWeighting", () => {
  it("reproduces the 48 kHz coefficients tabulated in BS.1770-4 Tables 1 and 2", () => {
    const { preFilter, rlbFilter } = kWeighting(48_000);
    expect(preFilter.b0).toBeCloseTo(1.53512485958697, 9);
    expect(preFilter.b1).toBeCloseTo(-2.69169618940638, 9);
    expect(preFilter.b2).toBeCloseTo(1.19839281085285, 9);
    expect(preFilter.a1).toBeCloseTo(-1.69065929318241, 9);
    expect(preFilter.a2).toBeCloseTo(0.73248077421585, 9);
    expect(rlbFilter.a1).toBeCloseTo(-1.99004745483398, 9);
    expect(rlbFilter.a2).toBeCloseTo(0.99007225036621, 9);
  });

  it("has the same response at 44.1, 96 and 192 kHz as at 48 kHz (within 0.05 dB, 20 Hz to 10 kHz)", () => {
    const reference = kWeighting(48_000);
    for (const rate of [44_100, 96_000, 192_000]) {
      const k = kWeighting(rate);
      for (const f of [20, 50, 100, 1000, 2000, 5000, 10_000]) {
        const expected = biquadGainDb(reference.preFilter, f, 48_000) + biquadGainDb(reference.rlbFilter, f, 48_000);
        const actual = biquadGainDb(k.preFilter, f, rate) + biquadGainDb(k.rlbFilter, f, rate);
        expect(Math.abs(actual - expected), `${rate} Hz at ${f} Hz`).toBeLessThan(0.05);
      }
    }
  });
});

describe("measureLoudness: EBU Tech 3341 test signals", () => {
  it("case 1: 1 kHz stereo sine at −23 dBFS → −23.0 LUFS (M, S, I) ±0.1, LRA 0", () => {
    const m = measureLoudness(stereo(fadeEnds(sine(1000, -23, 20, FS), 0.01, FS)), FS);
    expect(Math.abs(m.integratedLufs + 23)).toBeLessThan(0.1);
    expect(Math.abs(m.momentaryMaxLufs + 23)).toBeLessThan(0.1);
    expect(Math.abs(m.shortTermMaxLufs + 23)).toBeLessThan(0.1);
    expect(m.lraLu).toBeLessThan(0.1);
    expect(m.samplePeakDbfs).toBeCloseTo(-23, 2);
    expect(Math.abs(m.truePeakDbtp + 23)).toBeLessThan(0.05);
  });

  it("case 2: 1 kHz stereo sine at −33 dBFS → −33.0 LUFS ±0.1", () => {
    const m = measureLoudness(stereo(sine(1000, -33, 20, FS)), FS, fast);
    expect(Math.abs(m.integratedLufs + 33)).toBeLessThan(0.1);
  });

  it("case 1 at 44.1, 96 and 8 kHz gives the same −23.0 LUFS (coefficients derived for any rate)", () => {
    for (const rate of [44_100, 96_000, 8_000]) {
      const m = measureLoudness(stereo(sine(1000, -23, 10, rate)), rate, fast);
      expect(Math.abs(m.integratedLufs + 23), `${rate} Hz`).toBeLessThan(0.1);
    }
  });

  it("cases 3–5: the gated sequences → −23.0 LUFS ±0.1", () => {
    const cases: [string, [number, number][]][] = [
      [
        "case 3",
        [
          [-36, 10],
          [-23, 60],
          [-36, 10],
        ],
      ],
      [
        "case 4",
        [
          [-72, 10],
          [-36, 10],
          [-23, 60],
          [-36, 10],
          [-72, 10],
        ],
      ],
      [
        "case 5",
        [
          [-26, 20],
          [-20, 20.1],
          [-26, 20],
        ],
      ],
    ];
    for (const [name, steps] of cases) {
      const m = measureLoudness(stereo(toneSequence(steps, FS)), FS, fast);
      expect(Math.abs(m.integratedLufs + 23), `${name}: ${m.integratedLufs}`).toBeLessThan(0.1);
    }
  });

  it("case 6: 5.0 channels, L R at −28, C at −24, Ls Rs at −30 dBFS → −23.0 LUFS ±0.1 (surrounds weighted 1.41)", () => {
    const front = sine(1000, -28, 20, FS);
    const centre = sine(1000, -24, 20, FS);
    const surround = sine(1000, -30, 20, FS);
    const m = measureLoudness([front, front, centre, surround, surround], FS, fast);
    expect(Math.abs(m.integratedLufs + 23)).toBeLessThan(0.1);
  });

  it("Tech 3341 case 9: −20 dBFS for 1.34 s and −30 dBFS for 1.66 s, repeated → short-term −23.0 LUFS ±0.1", () => {
    const steps: [number, number][] = [];
    for (let i = 0; i < 5; i++) steps.push([-20, 1.34], [-30, 1.66]);
    const m = measureLoudness(stereo(toneSequence(steps, FS)), FS, fast);
    expect(Math.abs(m.shortTermMaxLufs + 23)).toBeLessThan(0.1);
  });

  it("momentary analogue of case 9 (period 400 ms in the same 1.34 : 1.66 ratio) → momentary −23.0 LUFS ±0.1", () => {
    const steps: [number, number][] = [];
    for (let i = 0; i < 25; i++) steps.push([-20, 0.1787], [-30, 0.2213]);
    const m = measureLoudness(stereo(toneSequence(steps, FS)), FS, fast);
    expect(Math.abs(m.momentaryMaxLufs + 23)).toBeLessThan(0.1);
  });

  it("EBU Tech 3342 cases 1–4: loudness range of stepped 1 kHz tones within ±1 LU", () => {
    const cases: [number, [number, number][]][] = [
      [
        10,
        [
          [-20, 20],
          [-30, 20],
        ],
      ],
      [
        5,
        [
          [-20, 20],
          [-15, 20],
        ],
      ],
      [
        20,
        [
          [-40, 20],
          [-20, 20],
        ],
      ],
      [
        15,
        [
          [-50, 20],
          [-35, 20],
          [-20, 20],
          [-35, 20],
          [-50, 20],
        ],
      ],
    ];
    for (const [expected, steps] of cases) {
      const m = measureLoudness(stereo(toneSequence(steps, FS)), FS, fast);
      console.log(`Tech 3342 LRA ${expected} LU: measured ${m.lraLu.toFixed(3)} LU`);
      expect(Math.abs(m.lraLu - expected), `LRA ${expected}`).toBeLessThanOrEqual(1);
    }
  });

  it("returns −Infinity for silence and for a signal shorter than one 400 ms block", () => {
    expect(measureLoudness([new Float32Array(FS)], FS).integratedLufs).toBe(Number.NEGATIVE_INFINITY);
    expect(measureLoudness([sine(1000, -10, 0.3, FS)], FS, fast).integratedLufs).toBe(Number.NEGATIVE_INFINITY);
  });

  it("true peak equals the ideal 4×-oversampled peak of faded sines up to 18 kHz within 0.05 dB (flat passband)", () => {
    for (const frequencyHz of [1000, 5000, 10_000, 15_000, 18_000]) {
      const phase = 0.3;
      const x = fadeEnds(sine(frequencyHz, -6, 0.5, FS, phase), 0.05, FS);
      // The ideal signal sampled on the 192 kHz grid, over the unfaded middle.
      let ideal = 0;
      for (let m = 4 * Math.round(0.1 * FS); m < 4 * Math.round(0.4 * FS); m++) {
        ideal = Math.max(ideal, Math.abs(0.5011872 * Math.sin((2 * Math.PI * frequencyHz * m) / (4 * FS) + phase)));
      }
      const measured = measureLoudness([x], FS).truePeakDbtp;
      expect(Math.abs(measured - 20 * Math.log10(ideal)), `${frequencyHz} Hz`).toBeLessThan(0.05);
    }
  });

  it("finds inter-sample peaks: a sine at fs/4 sampled at ±45° reads 3 dB above its samples", () => {
    const x = fadeEnds(sine(FS / 4, 20 * Math.log10(0.5), 1, FS, Math.PI / 4), 0.05, FS);
    const m = measureLoudness([x], FS);
    expect(m.samplePeakDbfs).toBeCloseTo(20 * Math.log10(0.5 * Math.SQRT1_2), 3);
    expect(Math.abs(m.truePeakDbtp - 20 * Math.log10(0.5))).toBeLessThan(0.05);
  });
});

const scratch = mkdtempSync(join(tmpdir(), "gts-loudness-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Errors against ffmpeg, collected for the report. */
function compareWithFfmpeg(channels: Float32Array[], rate: number, name: string) {
  const path = join(scratch, name);
  writeFileSync(path, encodeWav(channels, rate));
  const reference = ffmpegEbur128(path);
  const ours = measureLoudness(channels, rate);
  const integratedErrorLu = Math.abs(ours.integratedLufs - reference.integratedLufs);
  const truePeakErrorDb = Math.abs(ours.truePeakDbtp - reference.truePeakDbtp);
  console.log(
    `${name}: ours I ${ours.integratedLufs.toFixed(3)} LUFS TP ${ours.truePeakDbtp.toFixed(3)} dBTP LRA ${ours.lraLu.toFixed(2)} LU; ` +
      `ffmpeg I ${reference.integratedLufs} TP ${reference.truePeakDbtp} LRA ${reference.lraLu}; ` +
      `|ΔI| ${integratedErrorLu.toFixed(3)} LU, |ΔTP| ${truePeakErrorDb.toFixed(3)} dB`,
  );
  // ffmpeg prints one decimal, so its own rounding contributes up to 0.05 of each tolerance.
  expect(integratedErrorLu).toBeLessThanOrEqual(0.1);
  expect(truePeakErrorDb).toBeLessThanOrEqual(0.2);
  // LRA is not an acceptance figure: its 10th percentile often lands on a loudness transition that moves ~1 LU per
  // 100 ms block, and ffmpeg picks index round(p·n) − 1 where libebur128 (and we) pick round(p·(n − 1)).
  expect(Math.abs(ours.lraLu - reference.lraLu)).toBeLessThanOrEqual(1);
}

describe.skipIf(!hasFfmpeg)("measureLoudness agrees with ffmpeg ebur128 (Debian ffmpeg)", () => {
  it("on a synthetic distorted guitar riff, stereo 48 kHz", () => {
    const left = guitarRiff(20, FS, 7);
    const right = guitarRiff(20, FS, 11);
    compareWithFfmpeg([left, right], FS, "riff-48k.wav");
  });

  it("on the same riff at 44.1 kHz, mono, with a quiet passage", () => {
    const riff = guitarRiff(15, 44_100, 3);
    for (let i = 5 * 44_100; i < 9 * 44_100; i++) riff[i] = (riff[i] as number) * 0.05;
    compareWithFfmpeg([riff], 44_100, "riff-44k1.wav");
  });
});

describeWithSharedFixtures("measureLoudness on the fixture DI", () => {
  it.skipIf(!hasFfmpeg)("agrees with ffmpeg ebur128 on di/gojira_left.wav", async () => {
    const path = sharedFixture("di", "gojira_left.wav");
    const decoded = await decodeAudio(readFileSync(path), "gojira_left.wav");
    const reference = ffmpegEbur128(path);
    const ours = measureLoudness(decoded.channels, decoded.sampleRateHz);
    const integratedErrorLu = Math.abs(ours.integratedLufs - reference.integratedLufs);
    const truePeakErrorDb = Math.abs(ours.truePeakDbtp - reference.truePeakDbtp);
    console.log(
      `gojira_left.wav: ours I ${ours.integratedLufs.toFixed(3)} TP ${ours.truePeakDbtp.toFixed(3)}; ffmpeg I ` +
        `${reference.integratedLufs} TP ${reference.truePeakDbtp}; |ΔI| ${integratedErrorLu.toFixed(3)} LU, |ΔTP| ${truePeakErrorDb.toFixed(3)} dB`,
    );
    expect(integratedErrorLu).toBeLessThanOrEqual(0.1);
    expect(truePeakErrorDb).toBeLessThanOrEqual(0.2);
  });

  it.skipIf(!hasFfmpeg)(
    "agrees with ffmpeg ebur128 on the NAM-core amp renders in reference/ and on cab-IR renders",
    async () => {
      const files = readdirSync(sharedFixture("reference")).filter((name) => name.endsWith(".wav"));
      const errors: string[] = [];
      let worstIntegratedLu = 0;
      let worstTruePeakDb = 0;
      const check = (name: string, path: string, channels: Float32Array[], rate: number) => {
        const reference = ffmpegEbur128(path);
        const ours = measureLoudness(channels, rate);
        const integratedErrorLu = Math.abs(ours.integratedLufs - reference.integratedLufs);
        const truePeakErrorDb = Math.abs(ours.truePeakDbtp - reference.truePeakDbtp);
        worstIntegratedLu = Math.max(worstIntegratedLu, integratedErrorLu);
        worstTruePeakDb = Math.max(worstTruePeakDb, truePeakErrorDb);
        if (integratedErrorLu > 0.1 || truePeakErrorDb > 0.2) {
          errors.push(`${name}: |ΔI| ${integratedErrorLu.toFixed(3)} LU, |ΔTP| ${truePeakErrorDb.toFixed(3)} dB`);
        }
      };
      for (const name of files) {
        const path = sharedFixture("reference", name);
        const decoded = await decodeAudio(readFileSync(path), name);
        check(name, path, decoded.channels, decoded.sampleRateHz);
      }
      const di = await decodeAudio(readFileSync(sharedFixture("di", "gojira_left.wav")), "gojira_left.wav");
      for (const irName of ["mesa-fav.wav", "mesa-os-4x12-57-m160.wav"]) {
        const ir = await decodeAudio(readFileSync(sharedFixture("ir", irName)), irName);
        const [resampledIr] = await resample([ir.channels[0] as Float32Array], ir.sampleRateHz, di.sampleRateHz);
        const wet = applyIr(applyGain(di.channels[0] as Float32Array, 12), resampledIr as Float32Array, {
          mix: 1,
          gainDb: 0,
        });
        const path = join(scratch, `di-through-${irName}`);
        writeFileSync(path, encodeWav([wet, wet], di.sampleRateHz));
        check(`DI through ${irName}`, path, [wet, wet], di.sampleRateHz);
      }
      console.log(
        `${files.length} amp renders + 2 cab renders vs ffmpeg: worst |ΔI| ${worstIntegratedLu.toFixed(3)} LU, worst |ΔTP| ${worstTruePeakDb.toFixed(3)} dB`,
      );
      expect(errors).toEqual([]);
    },
  );
});
