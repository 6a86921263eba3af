/** @module A signal chain: a named, coloured, ordered list of blocks that every DI is rendered through. */
import { z } from "zod";
import { chainBlockSchema } from "./chain-block.ts";
import { boundedArray, boundedText, typeError } from "./units.ts";

/** Most blocks in one chain: room for gate, boost, pedal, amp, eq, cab, delay and reverb with spares, while bounding render time. */
export const MAX_BLOCKS_PER_CHAIN = 16;

/** Longest chain name; it has to fit a chain card in the video and a button in the player. */
export const MAX_CHAIN_NAME_CHARS = 60;

/** `#rrggbb`; stored lowercase so the same colour always hashes the same in a render spec. */
export const chainColourSchema = z
  .string({ error: typeError("colour", "a string") })
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'colour must be a hex colour "#rrggbb"' })
  .toLowerCase();
export type ChainColour = z.infer<typeof chainColourSchema>;

/** The 1..MAX_BLOCKS_PER_CHAIN list of some block schema; the render spec reuses it with resolved blocks. */
export function blockListOf<T extends z.ZodType>(block: T): z.ZodArray<T> {
  return boundedArray("blocks", block, 1, MAX_BLOCKS_PER_CHAIN, "blocks");
}

/** A chain as the creator builds it. Several `capture` blocks are fine (pedal into amp); no capture at all is fine too (an IR-only or clean reference). */
export const chainSchema = z.object({
  name: boundedText("name", 1, MAX_CHAIN_NAME_CHARS),
  colour: chainColourSchema,
  blocks: blockListOf(chainBlockSchema),
});
export type Chain = z.infer<typeof chainSchema>;
/** What a client may send: defaulted block fields are optional. */
export type ChainInput = z.input<typeof chainSchema>;
