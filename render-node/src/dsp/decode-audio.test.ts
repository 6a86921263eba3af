import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeWithSharedFixtures, sharedFixture } from "../../../dev/test-support/shared-fixtures.ts";
import { AudioDecodeError } from "./audio-decode-error.ts";
import { decodeAudio, sniffAudioFormat } from "./decode-audio.ts";
import { encodeWav } from "./encode-wav.ts";
import { selectChannel } from "./select-channel.ts";
import { TINY_FLAC_BASE64, TINY_MP3_BASE64 } from "./test-support/compressed-fixtures.ts";
import { type AiffSpec, makeAiff, makeWav, type WavSpec } from "./test-support/make-audio-files.ts";
import { noise } from "./test-support/signals.ts";

const flacBytes = new Uint8Array(Buffer.from(TINY_FLAC_BASE64, "base64"));
const mp3Bytes = new Uint8Array(Buffer.from(TINY_MP3_BASE64, "base64"));

/** Two stereo frames: L = [full-scale negative, half], R = [0, quarter-negative], scaled to `bits`. */
function stereoIntSamples(bits: number): number[] {
  const full = 2 ** (bits - 1);
  return [-full, 0, full / 2, -full / 4];
}

const good: WavSpec = { channelCount: 2, sampleRateHz: 48_000, bitsPerSample: 16, samples: stereoIntSamples(16) };
const goodAiff: AiffSpec = { channelCount: 2, sampleRateHz: 44_100, bitsPerSample: 16, samples: stereoIntSamples(16) };

describe("decodeAudio: valid files", () => {
  for (const bits of [8, 16, 24, 32]) {
    it(`WAV PCM ${bits}-bit, and WAVE_FORMAT_EXTENSIBLE PCM ${bits}-bit`, async () => {
      for (const extensibleSubformat of [undefined, 1]) {
        const spec: WavSpec = { ...good, bitsPerSample: bits, samples: stereoIntSamples(bits) };
        if (extensibleSubformat !== undefined) spec.extensibleSubformat = extensibleSubformat;
        const decoded = await decodeAudio(makeWav(spec), "x.wav");
        expect(decoded).toMatchObject({ sampleRateHz: 48_000, sourceFormat: "wav", bitDepth: bits, float: false });
        expect(Array.from(decoded.channels[0] as Float32Array)).toEqual([-1, 0.5]);
        expect(Array.from(decoded.channels[1] as Float32Array)).toEqual([0, -0.25]);
      }
    });
  }

  for (const bits of [32, 64]) {
    it(`WAV float ${bits}-bit, plain and extensible`, async () => {
      for (const extensibleSubformat of [undefined, 3]) {
        const spec: WavSpec = { ...good, formatTag: 3, bitsPerSample: bits, samples: [0.25, -0.5, 1.5, -1] };
        if (extensibleSubformat !== undefined) spec.extensibleSubformat = extensibleSubformat;
        const decoded = await decodeAudio(makeWav(spec), "x.wav");
        expect(decoded).toMatchObject({ bitDepth: bits, float: true });
        // Floats above full scale are kept: a DI may legitimately exceed 0 dBFS in float.
        expect(Array.from(decoded.channels[0] as Float32Array)).toEqual([0.25, 1.5]);
      }
    });
  }

  it("WAV with odd widths in wider containers (12-bit in 2 bytes, 20-bit in 3), left-justified", async () => {
    for (const [bits, container] of [
      [12, 16],
      [20, 24],
    ] as const) {
      const spec: WavSpec = { ...good, bitsPerSample: bits, samples: stereoIntSamples(container) };
      const decoded = await decodeAudio(makeWav(spec), "x.wav");
      expect(decoded.bitDepth).toBe(bits);
      expect(Array.from(decoded.channels[0] as Float32Array)).toEqual([-1, 0.5]);
    }
  });

  it("WAV with a LIST chunk before fmt, and our own float writer's output", async () => {
    const withList = makeWav({ ...good, extraChunk: ["LIST", new Uint8Array(5)] });
    expect((await decodeAudio(withList, "x.wav")).channels[0]?.[1]).toBe(0.5);
    const channels = [new Float32Array([0.1, -0.2, 0.3]), new Float32Array([1, 0, -1])];
    const decoded = await decodeAudio(encodeWav(channels, 96_000), "program.wav");
    expect(decoded.sampleRateHz).toBe(96_000);
    expect(decoded.channels).toEqual(channels);
  });

  it("AIFF 8/16/24-bit, AIFF-C NONE, sowt, fl32 and fl64", async () => {
    for (const bits of [8, 16, 24]) {
      const decoded = await decodeAudio(
        makeAiff({ ...goodAiff, bitsPerSample: bits, samples: stereoIntSamples(bits) }),
        "x.aif",
      );
      expect(decoded).toMatchObject({ sampleRateHz: 44_100, sourceFormat: "aiff", bitDepth: bits });
      expect(Array.from(decoded.channels[0] as Float32Array)).toEqual([-1, 0.5]);
    }
    for (const compression of ["NONE", "sowt"]) {
      const decoded = await decodeAudio(makeAiff({ ...goodAiff, compression }), "x.aifc");
      expect(Array.from(decoded.channels[1] as Float32Array)).toEqual([0, -0.25]);
    }
    for (const compression of ["fl32", "fl64"]) {
      const decoded = await decodeAudio(
        makeAiff({ ...goodAiff, compression, samples: [0.25, -0.5, 0.75, -1] }),
        "x.aifc",
      );
      expect(decoded.float).toBe(true);
      expect(Array.from(decoded.channels[0] as Float32Array)).toEqual([0.25, 0.75]);
    }
    // Odd rates survive the 80-bit extended float.
    expect((await decodeAudio(makeAiff({ ...goodAiff, sampleRateHz: 22_050 }), "x.aif")).sampleRateHz).toBe(22_050);
  });

  it("FLAC (16-bit stereo 8 kHz) and MP3 (mono 16 kHz), both a 1 kHz sine", async () => {
    const flac = await decodeAudio(flacBytes, "x.flac");
    expect(flac).toMatchObject({ sampleRateHz: 8_000, sourceFormat: "flac", bitDepth: 16 });
    expect(flac.channels).toHaveLength(2);
    expect(flac.channels[0]).toHaveLength(800);
    // ffmpeg's own astats reads this file as −21.07 dBFS peak, −24.08 dBFS RMS.
    const samples = flac.channels[0] as Float32Array;
    const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
    expect(Math.abs(20 * Math.log10(rms) + 24.08)).toBeLessThan(0.01);
    const mp3 = await decodeAudio(mp3Bytes, "x.mp3");
    expect(mp3).toMatchObject({ sampleRateHz: 16_000, sourceFormat: "mp3", bitDepth: null });
    expect(mp3.channels).toHaveLength(1);
    expect(Math.abs((mp3.channels[0]?.length ?? 0) - 4_800)).toBeLessThan(1_200);
  });

  it("recognises formats by content, not by name", () => {
    expect(sniffAudioFormat(makeWav(good))).toBe("wav");
    expect(sniffAudioFormat(makeAiff(goodAiff))).toBe("aiff");
    expect(sniffAudioFormat(flacBytes)).toBe("flac");
    expect(sniffAudioFormat(mp3Bytes)).toBe("mp3");
    expect(sniffAudioFormat(new TextEncoder().encode("hello world"))).toBeNull();
  });
});

describe("selectChannel", () => {
  const left = new Float32Array([1, 0.5]);
  const right = new Float32Array([-1, 0.5]);
  it("returns left, right or the mean of the channels as a new array", () => {
    expect(Array.from(selectChannel([left, right], "left"))).toEqual([1, 0.5]);
    expect(Array.from(selectChannel([left, right], "right"))).toEqual([-1, 0.5]);
    expect(Array.from(selectChannel([left, right], "mono"))).toEqual([0, 0.5]);
    expect(selectChannel([left, right], "left")).not.toBe(left);
  });
  it("returns the only channel of a mono file for every choice", () => {
    for (const choice of ["left", "right", "mono"] as const)
      expect(Array.from(selectChannel([left], choice))).toEqual([1, 0.5]);
  });
});

describeWithSharedFixtures("decodeAudio on the fixture DI and IRs", () => {
  it("reads di/gojira_left.wav (24-bit stereo 48 kHz) and the IRs", async () => {
    const di = await decodeAudio(readFileSync(sharedFixture("di", "gojira_left.wav")), "gojira_left.wav");
    expect(di).toMatchObject({ sampleRateHz: 48_000, bitDepth: 24 });
    expect(di.channels).toHaveLength(2);
    for (const name of ["mesa-fav.wav", "mesa-os-4x12-57-m160.wav"]) {
      const ir = await decodeAudio(readFileSync(sharedFixture("ir", name)), name);
      expect(ir.channels[0]?.length).toBeGreaterThan(0);
    }
  });
});

// --- The malformed corpus: every case must reject with an AudioDecodeError naming the file, promptly. ---

function setU16(bytes: Uint8Array, offset: number, value: number, littleEndian = true): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint16(offset, value, littleEndian);
  return copy;
}
function setU32(bytes: Uint8Array, offset: number, value: number, littleEndian = true): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(offset, value, littleEndian);
  return copy;
}
function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}
function randomBytes(length: number, seed: number): Uint8Array {
  const values = noise(length, 1, seed);
  return Uint8Array.from(values, (v) => Math.floor((v + 1) * 127.99));
}

/** [name, bytes, expected message fragment]. */
const corpus: [string, Uint8Array, RegExp][] = [];
function add(name: string, bytes: Uint8Array, message: RegExp): void {
  corpus.push([name, bytes, message]);
}

const wav16 = makeWav(good);
// WAV header offsets (no extra chunk): fmt body at 20, data size at 40, samples at 44.
for (const length of [1, 3, 4, 8, 11])
  add(`wav cut to ${length} bytes`, wav16.subarray(0, length), /RIFF header|not a WAV/);
for (const length of [12, 16, 20, 24, 30, 36]) add(`wav cut to ${length} bytes`, wav16.subarray(0, length), /fmt|WAV/);
for (const length of [40, 44, 45, 47]) add(`wav cut to ${length} bytes`, wav16.subarray(0, length), /data chunk|WAV/);
for (const channels of [0, 9, 16, 255, 65_535]) {
  add(`wav with ${channels} channels`, setU16(wav16, 22, channels), /channels|block align/);
}
for (const rate of [0, 1, 100, 7_999, 384_001, 1_000_000, 0xffff_ffff]) {
  add(`wav at ${rate} Hz`, setU32(wav16, 24, rate), /sample rate/);
}
for (const bits of [0, 4, 7, 33, 40, 48, 64])
  add(`wav PCM ${bits}-bit`, setU16(wav16, 34, bits), /-bit PCM|block align/);
for (const bits of [8, 16, 24, 0])
  add(
    `wav float ${bits}-bit`,
    makeWav({ ...good, formatTag: 3, bitsPerSample: bits, samples: [0, 0] }),
    /float|block align/,
  );
for (const tag of [0, 2, 6, 7, 0x11, 0x55, 0x161, 0xffff])
  add(`wav format tag ${tag}`, setU16(wav16, 20, tag), /format tag/);
for (const subformat of [2, 0x55, 0])
  add(`wav extensible sub-format ${subformat}`, makeWav({ ...good, extensibleSubformat: subformat }), /format tag/);
add(
  "wav extensible without its GUID",
  makeWav({ ...good, formatTag: 0xfffe, fmtChunkSize: 16 }),
  /sub-format|format tag/,
);
for (const align of [0, 1, 3, 5, 8, 65_535]) add(`wav block align ${align}`, setU16(wav16, 32, align), /block align/);
for (const size of [0, 2, 6, 10, 15]) add(`wav fmt chunk of ${size} bytes`, setU32(wav16, 16, size), /fmt|WAV/);
for (const size of [9, 10, 100, 1_000_000, 0x7fff_ffff, 0xffff_ffff]) {
  add(`wav data chunk claiming ${size} bytes`, setU32(wav16, 40, size), /data chunk/);
}
add("wav with zero-length data", setU32(wav16, 40, 0), /no audio|0 sample frames/);
add("wav with 0 samples written", makeWav({ ...good, samples: [] }), /no audio|0 sample frames/);
add("wav data of 3 bytes in 4-byte frames", setU32(wav16, 40, 3), /whole number|no audio/);
add("wav data of 7 bytes in 4-byte frames", setU32(wav16, 40, 7), /whole number/);
add(
  "wav without a data chunk",
  (() => {
    const b = wav16.slice();
    b.set(ascii("junk"), 36);
    return b;
  })(),
  /"data" chunk|no data chunk/,
);
add(
  "wav without a fmt chunk",
  (() => {
    const b = wav16.slice();
    b.set(ascii("junk"), 12);
    return b;
  })(),
  /fmt/,
);
add(
  "wav with RIFF but no WAVE",
  (() => {
    const b = wav16.slice();
    b.set(ascii("AVI "), 8);
    return b;
  })(),
  /not a WAV/,
);
for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
  for (const bits of [32, 64]) {
    add(
      `wav float${bits} holding ${bad}`,
      makeWav({ ...good, formatTag: 3, bitsPerSample: bits, samples: [0, 0.5, bad, 0] }),
      /NaN|Infinity/,
    );
  }
  add(
    `wav extensible float holding ${bad}`,
    makeWav({ ...good, extensibleSubformat: 3, bitsPerSample: 32, samples: [bad, 0] }),
    /NaN|Infinity/,
  );
}
add(
  "wav of 20 min + 1 s at 8 kHz mono 8-bit",
  makeWav({ channelCount: 1, sampleRateHz: 8_000, bitsPerSample: 8, samples: new Float64Array(8_000 * 1_201) }),
  /limit 20 min/,
);

const aiff16 = makeAiff(goodAiff);
for (const length of [1, 4, 8, 11])
  add(`aiff cut to ${length} bytes`, aiff16.subarray(0, length), /FORM header|not a WAV/);
for (const length of [12, 16, 20, 30, 37]) add(`aiff cut to ${length} bytes`, aiff16.subarray(0, length), /COMM/);
for (const length of [38, 46, 50, 53]) add(`aiff cut to ${length} bytes`, aiff16.subarray(0, length), /SSND/);
for (const channels of [0, -1, 9, 32_767])
  add(`aiff with ${channels} channels`, makeAiff({ ...goodAiff, channelCount: channels }), /channels/);
for (const rate of [0, 1, 7_999, 400_000, 1e12])
  add(`aiff at ${rate} Hz`, makeAiff({ ...goodAiff, sampleRateHz: rate }), /sample rate/);
add("aiff at 44 100.5 Hz", makeAiff({ ...goodAiff, sampleRateHz: 44_100.5 }), /whole number of hertz/);
add(
  "aiff with a NaN rate",
  makeAiff({ ...goodAiff, rawRate: Uint8Array.from([0x7f, 0xff, 0xc0, 0, 0, 0, 0, 0, 0, 0]) }),
  /sample rate/,
);
for (const bits of [0, -8, 33, 64])
  add(`aiff ${bits}-bit`, makeAiff({ ...goodAiff, bitsPerSample: bits }), /-bit samples/);
add("aiff with 0 frames", makeAiff({ ...goodAiff, frames: 0 }), /no audio/);
for (const frames of [3, 1_000, 0x7fff_ffff])
  add(`aiff claiming ${frames} frames`, makeAiff({ ...goodAiff, frames }), /SSND|limit/);
for (const compression of ["ulaw", "alaw", "ima4", "MAC3", "sdx2", "\0\0\0\0"]) {
  add(`aifc compression ${JSON.stringify(compression)}`, makeAiff({ ...goodAiff, compression }), /compression/);
}
add("aiff without COMM", makeAiff({ ...goodAiff, omit: "COMM" }), /no COMM/);
add("aiff without SSND", makeAiff({ ...goodAiff, omit: "SSND" }), /no SSND/);
add("aiff SSND offset past its end", makeAiff({ ...goodAiff, ssndOffset: 1_000 }), /SSND/);
add("aiff SSND claiming 4 GiB", setU32(aiff16, 42, 0xffff_ffff, false), /SSND/);
add("aiff COMM claiming 4 bytes", setU32(aiff16, 16, 4, false), /COMM/);
for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
  add(
    `aifc fl32 holding ${bad}`,
    makeAiff({ ...goodAiff, compression: "fl32", samples: [0, bad, 0, 0] }),
    /NaN|Infinity/,
  );
}

for (const length of [4, 8, 20, 41, 42, 100, 1_000])
  add(`flac cut to ${length} bytes`, flacBytes.subarray(0, length), /FLAC stream/);
add("flac cut one byte short", flacBytes.subarray(0, flacBytes.length - 1), /truncated/);
add("flac cut 300 bytes short", flacBytes.subarray(0, flacBytes.length - 300), /truncated|no audio/);
add("flac magic then garbage", concat(ascii("fLaC"), randomBytes(2_000, 5)), /FLAC stream/);
add(
  "flac with garbled frames",
  (() => {
    const b = flacBytes.slice();
    for (let i = 8_400; i < b.length; i += 5) b[i] = ((b[i] as number) ^ 0x5a) & 0xff;
    return b;
  })(),
  /FLAC stream/,
);
for (const length of [3, 10, 50]) add(`mp3 cut to ${length} bytes`, mp3Bytes.subarray(0, length), /MPEG stream/);
add(
  "ID3 tag then garbage",
  concat(ascii("ID3"), Uint8Array.from([4, 0, 0, 0, 0, 0, 10]), randomBytes(3_000, 9)),
  /MPEG stream/,
);
add("mp3 frame sync then garbage", concat(Uint8Array.from([0xff, 0xfb]), randomBytes(3_000, 11)), /MPEG stream/);
add(
  "mp3 frame sync then zeros",
  concat(Uint8Array.from([0xff, 0xfb, 0x90, 0x00]), new Uint8Array(3_000)),
  /MPEG stream/,
);

add("empty file", new Uint8Array(0), /empty file/);
add("one zero byte", new Uint8Array(1), /not a WAV, FLAC, AIFF or MP3/);
add("4 KiB of zeros", new Uint8Array(4_096), /not a WAV/);
add(
  "a PNG",
  concat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500, 1)),
  /not a WAV/,
);
add("a PDF", ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"), /not a WAV/);
add("a ZIP", concat(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(300, 2)), /not a WAV/);
add("a JSON chain", ascii('{"name":"lead","blocks":[]}'), /not a WAV/);
add("an HTML error page", ascii("<!doctype html><title>502 Bad Gateway</title>"), /not a WAV/);
add("an Ogg stream", concat(ascii("OggS"), randomBytes(300, 3)), /not a WAV/);
add(
  "an IFF 8SVX",
  concat(ascii("FORM"), Uint8Array.from([0, 0, 0, 100]), ascii("8SVX"), randomBytes(100, 4)),
  /not a WAV/,
);
add(
  "RF64",
  concat(ascii("RF64"), Uint8Array.from([0xff, 0xff, 0xff, 0xff]), ascii("WAVE"), randomBytes(100, 6)),
  /not a WAV/,
);
for (const seed of [21, 22, 23, 24, 25])
  add(`random bytes (seed ${seed})`, randomBytes(1_024, seed), /not a WAV|MPEG stream/);
add(
  "RIFF/WAVE then random bytes",
  concat(ascii("RIFF"), Uint8Array.from([0, 1, 0, 0]), ascii("WAVE"), randomBytes(256, 7)),
  /WAV|fmt/,
);

describe("decodeAudio: malformed corpus", () => {
  it(`has at least 100 cases (${corpus.length})`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
  });

  it.each(corpus)("%s → AudioDecodeError", async (name, bytes, message) => {
    const fileName = `${name.replace(/[^a-z0-9]+/gi, "-")}.bin`;
    const started = performance.now();
    const error = await decodeAudio(bytes, fileName).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error, "decoded without an error").toBeInstanceOf(AudioDecodeError);
    expect((error as Error).message.startsWith(`${fileName}: `)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
