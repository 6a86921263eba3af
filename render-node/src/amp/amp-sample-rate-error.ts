/** @module `AmpSampleRateError`: input audio at another rate than the capture's, with no resampler supplied. */

export class AmpSampleRateError extends Error {
  override readonly name = "AmpSampleRateError";
  readonly fileName: string;
  readonly inputSampleRateHz: number;
  readonly modelSampleRateHz: number;

  constructor(fileName: string, inputSampleRateHz: number, modelSampleRateHz: number) {
    super(
      `${fileName}: sample_rate: the input is at ${inputSampleRateHz} Hz but the capture runs at ${modelSampleRateHz} Hz; ` +
        "resample the input first or pass a resampler (the core never resamples, spec §8.3)",
    );
    this.fileName = fileName;
    this.inputSampleRateHz = inputSampleRateHz;
    this.modelSampleRateHz = modelSampleRateHz;
  }
}
