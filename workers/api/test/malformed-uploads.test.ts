import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../src/context.ts";
import { assets } from "../src/db/schema.ts";
import { aiffBytes, flacHeaderBytes, linearNam, sine, wavBytes } from "./support/audio-files.ts";
import { browserClient, uniqueEmail } from "./support/browser-client.ts";
import { upload } from "./support/upload.ts";

interface BadFile {
  label: string;
  kind: "di" | "ir" | "capture";
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

function setAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

function patched(bytes: Uint8Array, patch: (view: DataView) => void): Uint8Array {
  const copy = bytes.slice();
  patch(new DataView(copy.buffer));
  return copy;
}

/** The corpus: every way we could think of to break each format, generated from valid files. */
function corpus(): BadFile[] {
  const wav16 = wavBytes({ bits: 16, samples: sine(0.5, 0.02) });
  const wavFloat = wavBytes({ bits: 32, float: true, samples: sine(0.5, 0.02) });
  const aiff = aiffBytes({ sampleRateHz: 48000, samples: sine(0.5, 0.02) });
  const flac = flacHeaderBytes({ sampleRateHz: 48000, channels: 2, bits: 24, totalFrames: 48000 });
  const nam = linearNam();
  const files: BadFile[] = [];

  // Truncated at every interesting offset: inside headers, chunk headers and sample data.
  for (const cut of [1, 3, 4, 8, 11, 12, 15, 19, 20, 24, 30, 35, 36, 39, 40, 43, 44, 45, 100, wav16.length - 1]) {
    files.push({ label: `WAV cut at ${cut} bytes`, kind: "di", bytes: wav16.subarray(0, cut) });
  }
  for (const cut of [1, 4, 11, 12, 19, 20, 30, 37, 38, 46, 53, 54, 100]) {
    files.push({ label: `AIFF cut at ${cut} bytes`, kind: "ir", bytes: aiff.subarray(0, cut) });
  }
  for (const cut of [4, 5, 8, 20, 41]) {
    files.push({ label: `FLAC cut at ${cut} bytes`, kind: "di", bytes: flac.subarray(0, cut) });
  }
  for (const cut of [1, 10, 30, 60, nam.length - 1]) {
    files.push({ label: `.nam cut at ${cut} bytes`, kind: "capture", bytes: nam.subarray(0, cut) });
  }

  // Wrong sizes and impossible fields in WAV headers.
  const wavFields: Array<[string, (v: DataView) => void]> = [
    ["fmt size 0", (v) => v.setUint32(16, 0, true)],
    ["fmt size 8", (v) => v.setUint32(16, 8, true)],
    ["fmt size beyond the file", (v) => v.setUint32(16, 0xfffffff0, true)],
    ["data size beyond the file", (v) => v.setUint32(40, 0x7fffffff, true)],
    ["data size 1 byte over", (v) => v.setUint32(40, v.getUint32(40, true) + 1, true)],
    ["0 channels", (v) => v.setUint16(22, 0, true)],
    ["65535 channels", (v) => v.setUint16(22, 65535, true)],
    ["9 channels", (v) => v.setUint16(22, 9, true)],
    ["sample rate 0", (v) => v.setUint32(24, 0, true)],
    ["sample rate 1 Hz", (v) => v.setUint32(24, 1, true)],
    ["sample rate 4 GHz", (v) => v.setUint32(24, 4_000_000_000, true)],
    ["7-bit samples", (v) => v.setUint16(34, 7, true)],
    ["12-bit samples", (v) => v.setUint16(34, 12, true)],
    ["0-bit samples", (v) => v.setUint16(34, 0, true)],
    ["block align 0", (v) => v.setUint16(32, 0, true)],
    ["block align 3 for 16-bit mono", (v) => v.setUint16(32, 3, true)],
    ["format tag 2 (ADPCM)", (v) => v.setUint16(20, 2, true)],
    ["format tag 0x55 (MP3 in WAV)", (v) => v.setUint16(20, 0x55, true)],
    ["format tag 0", (v) => v.setUint16(20, 0, true)],
    ["RIFF type AVI ", (v) => setAscii(v, 8, "AVI ")],
    ["fmt chunk renamed", (v) => v.setUint8(12, 0x78)],
    ["data chunk renamed", (v) => v.setUint8(36, 0x78)],
    ["RIFF renamed RIFX", (v) => v.setUint8(3, 0x58)],
    ["RF64 magic", (v) => setAscii(v, 0, "RF64")],
  ];
  for (const [label, patch] of wavFields)
    files.push({ label: `WAV ${label}`, kind: "di", bytes: patched(wav16, patch) });
  // Float samples that are not numbers, at several places.
  for (const [label, value] of [
    ["NaN", Number.NaN],
    ["+Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ] as const) {
    for (const index of [0, 7, 959]) {
      files.push({
        label: `float WAV sample ${index} = ${label}`,
        kind: "ir",
        bytes: patched(wavFloat, (v) => v.setFloat32(44 + index * 4, value, true)),
      });
    }
  }
  // A zero-length data chunk: no audio at all.
  files.push({ label: "WAV with no samples", kind: "di", bytes: wavBytes({ samples: [] }) });
  files.push({ label: "AIFF with no samples", kind: "di", bytes: aiffBytes({ sampleRateHz: 48000, samples: [] }) });

  // AIFF header fields.
  const aiffFields: Array<[string, (v: DataView) => void]> = [
    ["COMM size beyond the file", (v) => v.setUint32(16, 0xfffffff0, false)],
    ["COMM size 2", (v) => v.setUint32(16, 2, false)],
    ["0 channels", (v) => v.setUint16(20, 0, false)],
    ["more frames than SSND holds", (v) => v.setUint32(22, 10_000_000, false)],
    ["20-bit samples", (v) => v.setUint16(26, 20, false)],
    ["sample rate exponent 0", (v) => v.setUint16(28, 0, false)],
    ["sample rate of 10^9 Hz", (v) => v.setUint16(28, 16383 + 30, false)],
    ["FORM type WAVE", (v) => setAscii(v, 8, "WAVE")],
    ["SSND size beyond the file", (v) => v.setUint32(42, 0xfffffff0, false)],
    ["SSND offset beyond the chunk", (v) => v.setUint32(46, 0x7ffffff0, false)],
  ];
  for (const [label, patch] of aiffFields)
    files.push({ label: `AIFF ${label}`, kind: "ir", bytes: patched(aiff, patch) });
  files.push({
    label: "AIFF-C with ulaw compression",
    kind: "ir",
    bytes: patched(aiffBytes({ sampleRateHz: 48000, compression: "sowt", samples: [0.1, 0.2] }), (v) =>
      setAscii(v, 38, "ulaw"),
    ),
  });

  // FLAC STREAMINFO.
  files.push({ label: "FLAC without STREAMINFO first", kind: "di", bytes: patched(flac, (v) => v.setUint8(4, 0x84)) });
  files.push({ label: "FLAC STREAMINFO of 20 bytes", kind: "di", bytes: patched(flac, (v) => v.setUint8(7, 20)) });
  files.push({
    label: "FLAC with no total sample count",
    kind: "di",
    bytes: flacHeaderBytes({ sampleRateHz: 48000, channels: 2, bits: 24, totalFrames: 0 }),
  });
  files.push({
    label: "FLAC at 0 Hz",
    kind: "di",
    bytes: flacHeaderBytes({ sampleRateHz: 0, channels: 2, bits: 24, totalFrames: 100 }),
  });
  files.push({
    label: "FLAC over 20 min",
    kind: "di",
    bytes: flacHeaderBytes({ sampleRateHz: 48000, channels: 1, bits: 16, totalFrames: 48000 * 60 * 21 }),
  });

  // Not audio at all, or audio we refuse.
  files.push({ label: "JSON uploaded as a DI", kind: "di", bytes: nam });
  files.push({
    label: "PNG uploaded as an IR",
    kind: "ir",
    bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  });
  files.push({ label: "MP3 frame sync", kind: "di", bytes: new Uint8Array([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]) });
  files.push({ label: "a WAV uploaded as a capture", kind: "capture", bytes: wav16 });

  // Captures: JSON that is not a valid .nam.
  const namCases: Array<[string, string | Uint8Array]> = [
    ["not UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
    [
      "NaN weight",
      '{"version":"0.5.4","architecture":"Linear","config":{"receptive_field":2,"bias":false},"weights":[NaN,0]}',
    ],
    [
      "Infinity weight (1e400)",
      '{"version":"0.5.4","architecture":"Linear","config":{"receptive_field":2,"bias":false},"weights":[1e400,0]}',
    ],
    [
      "weights as a string",
      '{"version":"0.5.4","architecture":"Linear","config":{"receptive_field":2,"bias":false},"weights":"1,0"}',
    ],
    ["deep nesting", `{"weights":${"[".repeat(5000)}${"]".repeat(5000)}}`],
    [
      "10^6 WaveNet channels",
      JSON.stringify({
        version: "0.5.4",
        architecture: "WaveNet",
        config: {
          layers: [
            {
              input_size: 1,
              condition_size: 1,
              channels: 1_000_000,
              kernel_size: 3,
              dilations: [1],
              activation: "Tanh",
              head_size: 1,
              head_bias: true,
            },
          ],
          head_scale: 0.02,
        },
        weights: [],
      }),
    ],
    [
      "10^6 LSTM hidden size",
      JSON.stringify({
        version: "0.5.4",
        architecture: "LSTM",
        config: { num_layers: 1, input_size: 1, hidden_size: 1_000_000 },
        weights: [],
      }),
    ],
    ["a JSON array", "[1,2,3]"],
    ["an empty object", "{}"],
    [
      "version 9.9.9",
      '{"version":"9.9.9","architecture":"Linear","config":{"receptive_field":2,"bias":false},"weights":[1,0]}',
    ],
    ["architecture Transformer", '{"version":"0.5.4","architecture":"Transformer","config":{},"weights":[]}'],
    ["a byte-order mark then garbage", new Uint8Array([0xef, 0xbb, 0xbf, 0x7b])],
    ["null", "null"],
    ["an empty string body", " "],
  ];
  for (const [label, body] of namCases) {
    files.push({
      label: `.nam ${label}`,
      kind: "capture",
      bytes: typeof body === "string" ? encoder.encode(body) : body,
    });
  }
  return files;
}

describe("the malformed-upload corpus", () => {
  const files = corpus();

  it("holds at least 100 cases", () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
  });

  it("answers every case with a clear 4xx error naming the file, and stores nothing", async () => {
    const browser = browserClient();
    const user = await browser.trpc.auth.signUp.mutate({
      email: uniqueEmail("fuzz"),
      password: "correct horse battery",
      displayName: "Fuzz",
    });
    const outcomes: string[] = [];
    for (const [index, file] of files.entries()) {
      const fileName = `case-${index}.bin`;
      const response = await upload(browser, { kind: file.kind, fileName, bytes: file.bytes });
      const body = (await response.json()) as { error?: { message?: string } };
      const ok = response.status >= 400 && response.status < 500 && (body.error?.message ?? "").length > 10;
      if (!ok) outcomes.push(`${file.label}: ${response.status} ${JSON.stringify(body)}`);
      // Every refusal names the upload (or, for header-level refusals, the limit) so the creator knows which file.
      else if (!body.error?.message?.includes(fileName) && response.status !== 413)
        outcomes.push(`${file.label}: unnamed: ${body.error?.message}`);
    }
    expect(outcomes).toEqual([]);
    expect(await createDatabase(env.DB).select().from(assets).where(eq(assets.ownerId, user.id))).toEqual([]);
    expect((await env.MEDIA.list({ prefix: `assets/${user.id}/` })).objects).toEqual([]);
  });
});
