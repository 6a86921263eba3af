import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  assetIdSchema,
  boundedArray,
  boundedText,
  dbSchema,
  enumOf,
  fileNameSchema,
  formatNumber,
  isoDateTimeSchema,
  positiveNumber,
  rangedInt,
  rangedNumber,
  renderIdSchema,
  sha256HexSchema,
  withoutDefaults,
} from "./units.ts";

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe("numeric range helpers", () => {
  it("accept both bounds and reject values past them with a message naming field, limits and unit", () => {
    const gainDb = dbSchema("gainDb", -48, 48);
    expect(gainDb.parse(-48)).toBe(-48);
    expect(gainDb.parse(48)).toBe(48);
    expect(firstMessage(gainDb.safeParse(48.5))).toBe("gainDb must be between -48 and 48 dB");
    expect(firstMessage(gainDb.safeParse(-49))).toBe("gainDb must be between -48 and 48 dB");
  });

  it("reject NaN, Infinity, strings and a missing value with a message naming the field", () => {
    const mix = rangedNumber("mix", 0, 1);
    expect(firstMessage(mix.safeParse(Number.NaN))).toBe("mix must be a number");
    expect(firstMessage(mix.safeParse(Number.POSITIVE_INFINITY))).toBe("mix must be a number");
    expect(firstMessage(mix.safeParse("0.5"))).toBe("mix must be a number");
    expect(firstMessage(mix.safeParse(undefined))).toBe("mix is required");
  });

  it("say 'at least' for a range open at the top", () => {
    expect(firstMessage(rangedNumber("startSeconds", 0, Number.POSITIVE_INFINITY, "s").safeParse(-1))).toBe(
      "startSeconds must be at least 0 s",
    );
  });

  it("reject fractions for whole-number fields with the range in the message", () => {
    expect(firstMessage(rangedInt("rounds", 1, 4).safeParse(1.5))).toBe(
      "rounds must be a whole number between 1 and 4",
    );
    expect(firstMessage(rangedInt("seq", 0).safeParse(-1))).toBe("seq must be a whole number of at least 0");
  });

  it("reject zero for strictly positive fields", () => {
    expect(firstMessage(positiveNumber("durationSeconds", "s").safeParse(0))).toBe(
      "durationSeconds must be greater than 0 s",
    );
  });

  it("format message numbers without float noise", () => {
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(-14)).toBe("-14");
  });
});

describe("text, array and enum helpers", () => {
  it("trim text, so blank text fails the minimum length", () => {
    const title = boundedText("title", 1, 5);
    expect(title.parse("  ab ")).toBe("ab");
    expect(firstMessage(title.safeParse("   "))).toBe("title must be 1 to 5 characters");
    expect(firstMessage(title.safeParse("abcdef"))).toBe("title must be 1 to 5 characters");
  });

  it("name the field and the length limits of arrays", () => {
    const list = boundedArray("items", z.number(), 1, 2, "items");
    expect(firstMessage(list.safeParse([]))).toBe("items must hold 1 to 2 items");
    expect(firstMessage(list.safeParse([1, 2, 3]))).toBe("items must hold 1 to 2 items");
    expect(firstMessage(boundedArray("riffs", z.number(), 0, 1, "riffs").safeParse([1, 2]))).toBe(
      "riffs may hold at most 1 riffs",
    );
  });

  it("list the allowed values when an enum value is unknown", () => {
    expect(firstMessage(enumOf("channel", ["left", "right"] as const).safeParse("centre"))).toBe(
      "channel must be one of: left, right",
    );
  });
});

describe("ids, digests, file names and dates", () => {
  it("accept ULIDs, uuids and nanoids as ids", () => {
    for (const id of ["01J9Z8Q4V3K2M1N0P9R8S7T6U5", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "V1StGXR8_Z5jdHi6B-myT"]) {
      expect(assetIdSchema.parse(id)).toBe(id);
    }
  });

  it("reject ids that are too short, too long or hold other characters, naming the id field", () => {
    expect(firstMessage(renderIdSchema.safeParse("short"))).toMatch(/^renderId must be 8 to 64 characters/);
    expect(renderIdSchema.safeParse("a".repeat(65)).success).toBe(false);
    expect(renderIdSchema.safeParse("abcd/efgh").success).toBe(false);
  });

  it("accept only 64 lowercase hex characters as a sha256", () => {
    expect(sha256HexSchema.safeParse("a".repeat(64)).success).toBe(true);
    expect(firstMessage(sha256HexSchema.safeParse("A".repeat(64)))).toBe(
      "sha256 must be 64 lowercase hexadecimal characters (a SHA-256 digest)",
    );
    expect(sha256HexSchema.safeParse("a".repeat(63)).success).toBe(false);
  });

  it("accept bare file names and reject paths that could leave a node's work folder", () => {
    expect(fileNameSchema.parse("Mesa Rectifier (lead).nam")).toBe("Mesa Rectifier (lead).nam");
    for (const bad of ["", "..", ".", "a/b.wav", "a\\b.wav", "a\nb", "x".repeat(256)]) {
      expect(fileNameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("accept ISO date-times with Z or an offset and reject other date strings", () => {
    const at = isoDateTimeSchema("at");
    expect(at.safeParse("2025-01-31T12:00:00.123Z").success).toBe(true);
    expect(at.safeParse("2025-01-31T12:00:00+01:00").success).toBe(true);
    expect(at.safeParse("31/01/2025").success).toBe(false);
  });
});

describe("withoutDefaults", () => {
  it("makes defaulted keys required and keeps their limits", () => {
    const schema = withoutDefaults(z.object({ a: rangedNumber("a", 0, 1).default(1), b: z.string() }));
    expect(schema.safeParse({ b: "x" }).error?.issues[0]?.path).toEqual(["a"]);
    expect(firstMessage(schema.safeParse({ a: 2, b: "x" }))).toBe("a must be between 0 and 1");
    expect(schema.parse({ a: 0.5, b: "x" })).toEqual({ a: 0.5, b: "x" });
  });
});
