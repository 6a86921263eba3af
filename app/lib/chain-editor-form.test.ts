import { chainSchema, shootoutChainsSchema } from "@gts/api/contract";
import { describe, expect, it } from "vitest";
import { defaultChains, type EditorChain, newBand, newBlock } from "./chain-editor";
import {
  adoptFormValues,
  attachFieldErrors,
  chainsToEditor,
  editorToChainInputs,
  fieldName,
  issuesToFieldErrors,
  parseEditorForm,
  pathFromMessage,
  placeMessagePaths,
} from "./chain-editor-form";

const CAPTURE = "cap-00000001";
const IR = "ir-000000001";

/** The fields the editor renders for a state, as a browser would send them (unchecked boxes are not sent). */
function toEntries(chains: EditorChain[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [ci, chain] of chains.entries()) {
    out.push([fieldName(ci, "name"), chain.name], [fieldName(ci, "colour"), chain.colour]);
    for (const [bi, block] of chain.blocks.entries()) {
      out.push([fieldName(ci, "type", bi), block.type]);
      if (block.enabled) out.push([fieldName(ci, "enabled", bi), "on"]);
      if (block.type === "capture" || block.type === "ir") out.push([fieldName(ci, "assetId", bi), block.assetId]);
      for (const [field, value] of Object.entries(block.params)) out.push([fieldName(ci, field, bi), value]);
      for (const [ki, band] of block.bands.entries()) {
        for (const field of ["kind", "frequencyHz", "gainDb", "q"] as const) {
          out.push([fieldName(ci, field, bi, ki), band[field]]);
        }
      }
    }
  }
  return out;
}

function richChains(): EditorChain[] {
  const eq = { ...newBlock("eq", "e"), bands: [newBand("k0"), { ...newBand("k1"), kind: "highShelf", gainDb: "-3" }] };
  eq.params = { highPassHz: "80", lowPassHz: "" };
  return [
    {
      key: "a",
      name: "Boosted",
      colour: "#f5a524",
      errors: {},
      blocks: [
        newBlock("gate", "g"),
        { ...newBlock("gain", "b"), params: { gainDb: "6" } },
        newBlock("capture", "c", CAPTURE),
        eq,
        newBlock("ir", "i", IR),
        { ...newBlock("delay", "d"), enabled: false },
        newBlock("reverb", "r"),
      ],
    },
    { key: "z", name: "Clean", colour: "#3b82f6", errors: {}, blocks: [newBlock("ir", "i2", IR)] },
  ];
}

describe("the editor as form fields", () => {
  it("names fields by the contract's path", () => {
    expect(fieldName(1, "name")).toBe("chains.1.name");
    expect(fieldName(0, "gainDb", 2)).toBe("chains.0.blocks.2.gainDb");
    expect(fieldName(0, "q", 3, 1)).toBe("chains.0.blocks.3.bands.1.q");
  });

  it("parses back what it renders: every block type, disabled blocks, bands and empty pass filters", () => {
    const chains = richChains();
    const parsed = parseEditorForm(toEntries(chains));
    const strip = (cs: EditorChain[]) =>
      cs.map((c) => ({
        ...c,
        key: "",
        blocks: c.blocks.map((b) => ({ ...b, key: "", bands: b.bands.map((k) => ({ ...k, key: "" })) })),
      }));
    expect(strip(parsed)).toEqual(strip(chains));
    expect(parsed[0]?.key).toBe("f0");
    expect(parsed[0]?.blocks[3]?.bands[1]?.key).toBe("f0b3k1");
  });

  it("orders by index, closes gaps and ignores unknown types, foreign fields and huge indices", () => {
    const parsed = parseEditorForm([
      ["title", "x"],
      ["chains.3.name", "Second"],
      ["chains.1.name", "First"],
      ["chains.1.blocks.5.type", "ir"],
      ["chains.1.blocks.5.assetId", IR],
      ["chains.1.blocks.2.type", "fuzz"],
      ["chains.1.blocks.0.type", "gain"],
      ["chains.1.blocks.0.gainDb", "-3"],
      ["chains.9999.name", "Forged"],
    ]);
    expect(parsed.map((c) => c.name)).toEqual(["First", "Second"]);
    expect(parsed[0]?.blocks.map((b) => [b.type, b.enabled, b.assetId || b.params.gainDb])).toEqual([
      ["gain", false, "-3"],
      ["ir", false, IR],
    ]);
  });

  it("turns the editor into chains the contract accepts, with its defaults filled", () => {
    const { chains, blockIndex } = editorToChainInputs(richChains());
    const parsed = shootoutChainsSchema.parse(chains);
    expect(parsed[0]?.blocks.map((b) => b.type)).toEqual(["gate", "gain", "capture", "eq", "ir", "delay", "reverb"]);
    expect(parsed[0]?.blocks[1]).toEqual({ type: "gain", enabled: true, gainDb: 6 });
    expect(parsed[0]?.blocks[3]).toMatchObject({
      highPassHz: 80,
      bands: [{ kind: "peak" }, { kind: "highShelf", gainDb: -3 }],
    });
    expect(parsed[0]?.blocks[3]).not.toHaveProperty("lowPassHz");
    expect(parsed[0]?.blocks[5]).toMatchObject({ type: "delay", enabled: false });
    expect(blockIndex).toEqual([[0, 1, 2, 3, 4, 5, 6], [0]]);
  });

  it("leaves empty capture and IR slots out, and sends an empty chain as a clean 0 dB reference", () => {
    const [irOnly, empty] = defaultChains(["", ""]).map((c, i) => ({ ...c, blocks: i === 0 ? c.blocks : [] })) as [
      EditorChain,
      EditorChain,
    ];
    if (irOnly.blocks[1]) irOnly.blocks[1].assetId = IR;
    const { chains, blockIndex } = editorToChainInputs([irOnly, empty]);
    expect(chains.map((c) => c.blocks)).toEqual([
      [{ type: "ir", assetId: IR, enabled: true, mix: 1, gainDb: 0 }],
      [{ type: "gain", gainDb: 0 }],
    ]);
    expect(blockIndex).toEqual([[1], [-1]]);
  });

  it("sends what was typed, so the contract's own messages explain what is wrong", () => {
    const chain = {
      ...richChains()[1],
      blocks: [{ ...newBlock("gain", "x"), params: { gainDb: "loud" } }],
    } as EditorChain;
    const { chains } = editorToChainInputs([chain]);
    expect(chainSchema.safeParse(chains[0]).error?.issues[0]?.message).toBe("gainDb must be a number");
  });

  it("round-trips a stored chain through the editor", () => {
    const stored = shootoutChainsSchema.parse(editorToChainInputs(richChains()).chains);
    const again = shootoutChainsSchema.parse(editorToChainInputs(chainsToEditor(stored)).chains);
    // q is shown to 3 decimals; everything else comes back exactly.
    const roundQ = (x: unknown) =>
      JSON.parse(JSON.stringify(x), (k, v) => (k === "q" ? Math.round(v * 1000) / 1000 : v));
    expect(roundQ(again)).toEqual(roundQ(stored));
  });
});

describe("the contract's verdict beside the right control", () => {
  it("keys zod issues by their dotted path", () => {
    const result = shootoutChainsSchema.safeParse([
      { name: "A", colour: "#000000", blocks: [{ type: "gain", gainDb: 99 }] },
      { name: "a", colour: "nope", blocks: [] },
    ]);
    expect(issuesToFieldErrors(result.error?.issues ?? [])).toEqual({
      "0.blocks.0.gainDb": "gainDb must be between -48 and 48 dB",
      "1.colour": 'colour must be a hex colour "#rrggbb"',
      "1.blocks": "blocks must hold 1 to 16 blocks",
      "1.name": 'chains[1].name "a" repeats chains[0].name: chain names must be unique',
    });
    expect(issuesToFieldErrors([{ path: [], message: "whole" }])).toEqual({ form: "whole" });
  });

  it("reads the path an api message starts with", () => {
    expect(pathFromMessage("chains[1].blocks[0].assetId: no asset x in your library")).toBe(
      "chains.1.blocks.0.assetId",
    );
    expect(pathFromMessage("diTracks[0].riffs[0]: ends after the DI")).toBe("diTracks.0.riffs.0");
    expect(pathFromMessage("title: too long")).toBeNull();
    expect(pathFromMessage("Something went wrong")).toBeNull();
    expect(placeMessagePaths({ form: "chains[0].blocks[2].assetId: gone" })).toEqual({
      "chains.0.blocks.2.assetId": "gone",
    });
    expect(placeMessagePaths({ form: "plain" })).toEqual({ form: "plain" });
  });

  it("attaches chain, block and band messages to the editor state, mapping past left-out slots", () => {
    const chains = richChains();
    // Chain 0 as sent: the empty capture slot at index 0 was left out, so sent block 1 is editor block 2.
    chains[0]?.blocks.unshift(newBlock("capture", "empty"));
    const { blockIndex } = editorToChainInputs(chains);
    expect(blockIndex[0]?.slice(0, 3)).toEqual([1, 2, 3]);
    const placed = attachFieldErrors(chains, blockIndex, {
      title: "title must be 1 to 120 characters",
      chains: "chains must hold 2 to 8 chains",
      "chains.1.name": "name repeats",
      "chains.0.blocks.1.gainDb": "gainDb must be between -48 and 48 dB",
      "chains.0.blocks.3.lowPassHz": "lowPassHz must be above highPassHz (80 Hz)",
      "chains.0.blocks.3.bands.1.q": "q must be between 0.1 and 18",
      "chains.0.blocks.3.bands.7.q": "no such band",
      "chains.1.blocks.5.type": "no such block",
      "chains.0.blocks": "blocks must hold 1 to 16 blocks",
    });
    expect(placed.rest).toEqual({
      title: "title must be 1 to 120 characters",
      chains: "chains must hold 2 to 8 chains",
    });
    expect(placed.chains[1]?.errors).toEqual({ name: "name repeats", blocks: "no such block" });
    expect(placed.chains[0]?.errors).toEqual({ blocks: "blocks must hold 1 to 16 blocks" });
    expect(placed.chains[0]?.blocks[2]?.errors).toEqual({ gainDb: "gainDb must be between -48 and 48 dB" });
    expect(placed.chains[0]?.blocks[4]?.errors).toEqual({
      lowPassHz: "lowPassHz must be above highPassHz (80 Hz)",
      "bands.7.q": "no such band",
    });
    expect(placed.chains[0]?.blocks[4]?.bands[1]?.errors).toEqual({ q: "q must be between 0.1 and 18" });
    // The state it was given is untouched.
    expect(chains[0]?.blocks[2]?.errors).toEqual({});
  });

  it("puts a message about a block the editor added (a clean reference) on its chain", () => {
    const chains = defaultChains(["", ""]);
    const { blockIndex } = editorToChainInputs(chains);
    const placed = attachFieldErrors(chains, blockIndex, { "chains.0.blocks.0.gainDb": "x" });
    expect(placed.chains[0]?.errors).toEqual({ blocks: "x" });
  });
});

describe("values typed before hydration", () => {
  it("are adopted under the state's keys when the structure is the same", () => {
    const state = defaultChains([IR, IR]);
    const typed = toEntries(state).map(([k, v]): [string, string] => [k, k === "chains.0.name" ? "Typed early" : v]);
    const adopted = adoptFormValues(state, parseEditorForm(typed));
    expect(adopted?.[0]).toMatchObject({ key: state[0]?.key, name: "Typed early" });
    expect(adopted?.[0]?.blocks.map((b) => b.key)).toEqual(state[0]?.blocks.map((b) => b.key));
    expect(adoptFormValues(state, parseEditorForm(toEntries(state)))).toBeNull();
  });
});
