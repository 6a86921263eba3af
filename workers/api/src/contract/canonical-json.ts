/** @module Canonical JSON (sorted keys, no whitespace) so equal specs serialise to equal bytes; the api hashes it with WebCrypto. */

/**
 * Serialises a JSON value with object keys sorted by UTF-16 code units at every depth and array order kept, as RFC 8785
 * (JCS) does for numbers and strings via the ECMAScript serialisation. `undefined` object members are dropped and
 * `toJSON` is honoured, as in JSON.stringify, so `canonicalJson(x)` parses back to `JSON.parse(JSON.stringify(x))`.
 * Unlike JSON.stringify it throws on NaN/±Infinity, bigint, functions, symbols and cycles: a hash over silently
 * mangled input would name a different spec.
 */
export function canonicalJson(value: unknown): string {
  const out = serialise(value, new Set<object>(), "$");
  if (out === undefined)
    throw new TypeError("canonicalJson: the value has no JSON form (undefined, function or symbol)");
  return out;
}

function serialise(value: unknown, ancestors: Set<object>, where: string): string | undefined {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${where} is ${String(value)}, which JSON cannot carry`);
      return JSON.stringify(value);
    case "bigint":
      throw new TypeError(`canonicalJson: ${where} is a bigint, which JSON cannot carry`);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      break;
  }
  if (value === null) return "null";
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError(`canonicalJson: ${where} refers back to an enclosing value (a cycle)`);
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      // As JSON.stringify: array holes and non-JSON items become null, keeping indices (and so cue order) intact.
      const items = object.map((item: unknown, index) => serialise(item, ancestors, `${where}[${index}]`) ?? "null");
      return `[${items.join(",")}]`;
    }
    const members: string[] = [];
    // Default sort compares UTF-16 code units, which is the JCS key order.
    for (const key of Object.keys(object).sort()) {
      const member = serialise((object as Record<string, unknown>)[key], ancestors, `${where}.${key}`);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(",")}}`;
  } finally {
    ancestors.delete(object);
  }
}
