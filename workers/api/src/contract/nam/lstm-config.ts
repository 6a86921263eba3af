/** @module `lstmConfigSchema`: the `config` of an `"LSTM"` file (spec §4). */
import { z } from "zod";
import { namCountSchema } from "./nam-count-schema.ts";
import { NAM_MAX_LSTM_HIDDEN_SIZE, NAM_MAX_LSTM_LAYERS } from "./nam-limits.ts";
import { namChannelCountSchema } from "./wavenet-layer-array-config.ts";

/** LSTM: `num_layers` L, `input_size` I, `hidden_size` H, `in_channels`/`out_channels` (default 1). */
export const lstmConfigSchema = z.object({
  num_layers: namCountSchema(1, { max: NAM_MAX_LSTM_LAYERS, name: "NAM_MAX_LSTM_LAYERS", what: "LSTM layers" }),
  input_size: namChannelCountSchema,
  hidden_size: namCountSchema(1, {
    max: NAM_MAX_LSTM_HIDDEN_SIZE,
    name: "NAM_MAX_LSTM_HIDDEN_SIZE",
    what: "LSTM hidden units",
  }),
  in_channels: namChannelCountSchema.default(1),
  out_channels: namChannelCountSchema.default(1),
});

export type LstmConfig = z.output<typeof lstmConfigSchema>;
