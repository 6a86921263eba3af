/** @module TONE3000: the wire shapes of its API and the reference our library keeps for each model used. */
export * from "./tone3000-reference.ts";
export * from "./tone3000-wire.ts";
