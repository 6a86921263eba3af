import { CHAIN_BLOCK_LIMITS, CHAIN_BLOCK_TYPES, chainBlockSchema, MAX_CHAIN_NAME_CHARS } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import {
  BLOCK_FIELDS,
  bandParams,
  blockParams,
  defaultChains,
  duplicateChain,
  type EditorChain,
  EQ_BAND_FIELDS,
  editorReducer,
  insertionIndex,
  MAX_BLOCKS_PER_CHAIN,
  MAX_CHAINS,
  MAX_EQ_BANDS,
  MIN_CHAINS,
  moveAnnouncement,
  moveItem,
  newBlock,
  newChain,
  nextColour,
  uniqueName,
  unitOf,
} from "./chain-editor";
import { blockInput } from "./chain-editor-form";

const IR_A = "ir-aaaaaaaa";
const IR_B = "ir-bbbbbbbb";

function keys() {
  let n = 0;
  return () => `t${n++}`;
}

function chainWith(types: Parameters<typeof newBlock>[0][]): EditorChain {
  return { key: "c", name: "Chain", colour: "#123456", errors: {}, blocks: types.map((t, i) => newBlock(t, `b${i}`)) };
}

describe("block parameters come from the contract's limits", () => {
  it("covers every limit of every block type, as a block field or an EQ band field", () => {
    for (const type of CHAIN_BLOCK_TYPES) {
      const covered = new Set<string>([...BLOCK_FIELDS[type], ...(type === "eq" ? EQ_BAND_FIELDS : [])]);
      expect([...covered].sort(), type).toEqual(Object.keys(CHAIN_BLOCK_LIMITS[type]).sort());
    }
  });

  it("uses the limits' min, max and default and names the unit", () => {
    expect(blockParams("gain")).toEqual([
      { field: "gainDb", label: "Gain", unit: "dB", min: -48, max: 48, step: 0.5, default: 0, optional: false },
    ]);
    const [time, feedback] = blockParams("delay");
    expect(time).toMatchObject({ unit: "ms", min: CHAIN_BLOCK_LIMITS.delay.timeMs.min, step: 1 });
    expect(feedback).toMatchObject({ unit: "", max: CHAIN_BLOCK_LIMITS.delay.feedback.max, step: 0.01 });
    expect(blockParams("eq").map((p) => [p.field, p.optional])).toEqual([
      ["highPassHz", true],
      ["lowPassHz", true],
    ]);
    expect(bandParams().map((p) => p.field)).toEqual(["frequencyHz", "gainDb", "q"]);
    expect(unitOf("decaySeconds")).toBe("s");
  });

  it("makes new blocks the contract accepts as they are, with its defaults", () => {
    for (const type of CHAIN_BLOCK_TYPES) {
      const block = newBlock(type, "k", type === "capture" || type === "ir" ? "asset-0001" : "");
      const parsed = chainBlockSchema.safeParse(blockInput(block));
      expect(parsed.success, `${type}: ${parsed.error?.message}`).toBe(true);
    }
    expect(newBlock("reverb", "k").params).toEqual({ decaySeconds: "1.5", preDelayMs: "10", mix: "0.2" });
    expect(newBlock("eq", "k").params).toEqual({ highPassHz: "", lowPassHz: "" });
  });
});

describe("moving blocks", () => {
  it("moves an item to its new index and leaves the others in order", () => {
    expect(moveItem(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moveItem(["a", "b", "c", "d"], 3, 1)).toEqual(["a", "d", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 99)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 1, -5)).toEqual(["b", "a", "c"]);
  });

  it("returns the same array when nothing moves", () => {
    const items = ["a", "b"];
    expect(moveItem(items, 1, 1)).toBe(items);
    expect(moveItem(items, 5, 0)).toBe(items);
  });

  it("announces the new position", () => {
    expect(moveAnnouncement("eq", 1, 4)).toBe("Moved EQ to position 2 of 4");
    expect(moveAnnouncement("ir", 0, 2)).toBe("Moved Cab IR to position 1 of 2");
  });

  it("moves a block within its chain through the reducer, keeping keys", () => {
    const chains = [chainWith(["gate", "capture", "eq", "ir"])];
    const next = editorReducer(chains, { type: "moveBlock", chain: 0, from: 2, to: 3 });
    expect(next[0]?.blocks.map((b) => b.type)).toEqual(["gate", "capture", "ir", "eq"]);
    expect(next[0]?.blocks[3]?.key).toBe("b2");
  });
});

describe("adding blocks", () => {
  it("puts a new block where chains usually have it", () => {
    const blocks = chainWith(["capture", "ir"]).blocks;
    expect(insertionIndex(blocks, "gate")).toBe(0);
    expect(insertionIndex(blocks, "gain")).toBe(0);
    expect(insertionIndex(blocks, "capture")).toBe(1);
    expect(insertionIndex(blocks, "eq")).toBe(1);
    expect(insertionIndex(blocks, "reverb")).toBe(2);
    expect(insertionIndex([], "eq")).toBe(0);
  });

  it("stops at the contract's block limit", () => {
    let chains = [chainWith([])];
    for (let i = 0; i < MAX_BLOCKS_PER_CHAIN + 2; i++) {
      chains = editorReducer(chains, { type: "addBlock", chain: 0, block: newBlock("gain", `g${i}`), at: 0 });
    }
    expect(chains[0]?.blocks).toHaveLength(MAX_BLOCKS_PER_CHAIN);
  });

  it("adds EQ bands up to MAX_EQ_BANDS and removes them", () => {
    let chains = [chainWith(["eq"])];
    for (let i = 0; i < MAX_EQ_BANDS + 1; i++)
      chains = editorReducer(chains, { type: "addBand", chain: 0, block: 0, key: `k${i}` });
    expect(chains[0]?.blocks[0]?.bands).toHaveLength(MAX_EQ_BANDS);
    chains = editorReducer(chains, { type: "removeBand", chain: 0, block: 0, band: 0 });
    expect(chains[0]?.blocks[0]?.bands[0]?.key).toBe("k1");
  });

  it("clears a field's error when it is edited, and a capture's size when its model changes", () => {
    const chain = chainWith(["capture"]);
    const block = {
      ...(chain.blocks[0] as EditorChain["blocks"][number]),
      errors: { assetId: "pick one", slimmableSize: "x" },
    };
    block.params = { slimmableSize: "0.5" };
    const next = editorReducer([{ ...chain, blocks: [block] }], {
      type: "setAsset",
      chain: 0,
      block: 0,
      assetId: "m1",
    });
    expect(next[0]?.blocks[0]).toMatchObject({ assetId: "m1", errors: {}, params: { slimmableSize: "" } });
  });
});

describe("chains", () => {
  it("starts with MIN_CHAINS chains of capture → IR, each through its own IR", () => {
    const chains = defaultChains([IR_A, IR_B]);
    expect(chains).toHaveLength(MIN_CHAINS);
    expect(chains.map((c) => c.blocks.map((b) => [b.type, b.assetId]))).toEqual([
      [
        ["capture", ""],
        ["ir", IR_A],
      ],
      [
        ["capture", ""],
        ["ir", IR_B],
      ],
    ]);
    expect(chains.map((c) => c.name)).toEqual(["Chain 1", "Chain 2"]);
    // The same input gives the same keys, so server rendering and hydration agree.
    expect(defaultChains([IR_A])).toEqual(defaultChains([IR_A]));
  });

  it("duplicates a chain after itself under a new name, colour and keys", () => {
    const chains = defaultChains([IR_A]);
    const copy = duplicateChain(chains, 0, keys());
    expect(copy).toMatchObject({ name: "Chain 1 copy", key: "t0" });
    expect(copy?.colour).not.toBe(chains[0]?.colour);
    expect(copy?.colour).not.toBe(chains[1]?.colour);
    expect(copy?.blocks.map((b) => b.key)).toEqual(["t1", "t2"]);
    const next = editorReducer(chains, { type: "duplicateChain", index: 0, chain: copy as EditorChain });
    expect(next.map((c) => c.name)).toEqual(["Chain 1", "Chain 1 copy", "Chain 2"]);
  });

  it("keeps names unique and within the limit", () => {
    const chains = [{ name: "Plexi" }, { name: "plexi 2" }];
    expect(uniqueName(chains, "Plexi")).toBe("Plexi 3");
    expect(uniqueName(chains, "Marshall")).toBe("Marshall");
    const long = "x".repeat(MAX_CHAIN_NAME_CHARS + 5);
    expect(uniqueName([{ name: long.slice(0, MAX_CHAIN_NAME_CHARS) }], long)).toHaveLength(MAX_CHAIN_NAME_CHARS);
  });

  it("picks the first unused palette colour", () => {
    expect(nextColour([{ colour: "#F5A524" }])).toBe("#3b82f6");
  });

  it("keeps between MIN_CHAINS and MAX_CHAINS chains", () => {
    let chains = defaultChains([IR_A]);
    expect(editorReducer(chains, { type: "removeChain", chain: 0 })).toBe(chains);
    for (let i = 0; i < MAX_CHAINS; i++) {
      chains = editorReducer(chains, {
        type: "addChain",
        chain: newChain({ chain: `n${i}`, capture: `n${i}c`, ir: `n${i}i` }, `New ${i}`, "#000000"),
      });
    }
    expect(chains).toHaveLength(MAX_CHAINS);
    expect(editorReducer(chains, { type: "removeChain", chain: 1 }).map((c) => c.name)).not.toContain("Chain 2");
  });
});
