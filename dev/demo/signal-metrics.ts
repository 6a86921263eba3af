/** @module Small level/spectrum measurements (peak, RMS, single-frequency DFT) shared by the demo generators and tests. */

type Samples = ArrayLike<number>;

/** Peak absolute value in dBFS (full scale = 1.0); −Infinity for silence. */
export function peakDb(samples: Samples, start = 0, end = samples.length): number {
  let peak = 0;
  for (let n = start; n < end; n++) peak = Math.max(peak, Math.abs(samples[n] ?? 0));
  return 20 * Math.log10(peak);
}

/** RMS in dBFS (20·log10 RMS, full scale = 1.0) over [start, end). */
export function rmsDb(samples: Samples, start = 0, end = samples.length): number {
  let sum = 0;
  for (let n = start; n < end; n++) {
    const v = samples[n] ?? 0;
    sum += v * v;
  }
  return 10 * Math.log10(sum / Math.max(1, end - start));
}

/**
 * Amplitude of the sinusoid at `frequencyHz` in [start, end) (a one-bin DFT, 2/N-scaled: a full-scale sine reads 1.0).
 * Exact for whole numbers of periods; otherwise it leaks like any rectangular-window DFT.
 */
export function sineAmplitude(
  samples: Samples,
  frequencyHz: number,
  sampleRateHz: number,
  start = 0,
  end = samples.length,
): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRateHz;
  let re = 0;
  let im = 0;
  for (let n = start; n < end; n++) {
    const v = samples[n] ?? 0;
    re += v * Math.cos(w * (n - start));
    im -= v * Math.sin(w * (n - start));
  }
  return (2 * Math.hypot(re, im)) / (end - start);
}

/**
 * Magnitude response (dB) of an impulse response, averaged in power over a third of an octave around `centerHz`
 * (9 DTFT points), so comb ripple from reflections does not decide a spectral check by itself.
 */
export function bandLevelDb(impulseResponse: Samples, centerHz: number, sampleRateHz: number): number {
  let power = 0;
  const points = 9;
  for (let i = 0; i < points; i++) {
    const frequencyHz = centerHz * 2 ** ((i / (points - 1) - 0.5) / 3);
    const w = (2 * Math.PI * frequencyHz) / sampleRateHz;
    let re = 0;
    let im = 0;
    for (let n = 0; n < impulseResponse.length; n++) {
      const v = impulseResponse[n] ?? 0;
      re += v * Math.cos(w * n);
      im -= v * Math.sin(w * n);
    }
    power += re * re + im * im;
  }
  return 10 * Math.log10(power / points);
}
