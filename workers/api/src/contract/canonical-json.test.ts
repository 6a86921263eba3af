import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("gives the same text whatever the key order, at every depth", () => {
    const a = { b: 1, a: { d: [1, { z: true, y: null }], c: "x" } };
    const b = { a: { c: "x", d: [1, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it("keeps array order, so reordered chains hash differently", () => {
    expect(canonicalJson([1, 2, [3, 4]])).toBe("[1,2,[3,4]]");
    expect(canonicalJson([{ n: 2 }, { n: 1 }])).not.toBe(canonicalJson([{ n: 1 }, { n: 2 }]));
  });

  it("is stable across calls and parses back to the same value", () => {
    const value = { chains: [{ blocks: [{ type: "gain", gainDb: -3.5 }] }], title: 'é "q" \u2028' };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it("sorts keys by UTF-16 code units", () => {
    expect(canonicalJson({ b: 0, B: 0, a: 0, "\u00e9": 0, _: 0 })).toBe('{"B":0,"_":0,"a":0,"b":0,"é":0}');
  });

  it("drops undefined members, as JSON.stringify does, and writes undefined array items as null", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe("[null,1]");
  });

  it("writes numbers as ECMAScript does, -0 as 0", () => {
    expect(canonicalJson([1e21, 0.1, -0, 1.5e-7])).toBe("[1e+21,0.1,0,1.5e-7]");
  });

  it("honours toJSON (dates become ISO strings)", () => {
    expect(canonicalJson({ at: new Date("2025-01-31T12:00:00Z") })).toBe('{"at":"2025-01-31T12:00:00.000Z"}');
  });

  it("throws on values JSON cannot carry instead of hashing a mangled spec", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a is NaN/);
    expect(() => canonicalJson({ a: [Number.POSITIVE_INFINITY] })).toThrow(/\$\.a\[0\] is Infinity/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });

  it("throws on cycles but accepts the same object twice side by side", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });
});
