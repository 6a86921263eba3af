/** @module Upper bounds we put on uploaded `.nam` files, beyond what the NAM core itself checks. */

// Why limits at all: the api validates uploads inside a Worker (CPU- and memory-bounded) and the render node converts
// every accepted file to an ONNX graph and runs it. A hostile or broken file must not be able to ask for a
// 10 000-channel layer, a receptive field of minutes or a million-deep nesting. The values are generous: every public
// capture we know (standard/lite/feather/nano WaveNets, A2 Lite/Full, the core's all-features test model, LSTMs) is far
// inside them. Each error that cites a limit names the constant, so a rejected user can be told exactly what to change.

/** Residual / bottleneck / head / condition width of any WaveNet layer, and ConvNet channels (standard uses 16). */
export const NAM_MAX_CHANNELS = 256;

/** Layers (= dilations) in one WaveNet layer array (A2 uses 23, standard 10). */
export const NAM_MAX_LAYERS_PER_ARRAY = 64;

/** Layer arrays in one WaveNet (every trainer preset uses 2, A2 uses 1). */
export const NAM_MAX_LAYER_ARRAYS = 8;

/** Kernel size of any convolution: dilated convs, head rechannel, post-stack head blocks (A2's head uses 16). */
export const NAM_MAX_KERNEL_SIZE = 64;

/** Dilation of any convolution (standard WaveNets use up to 512, A2 up to 239). */
export const NAM_MAX_DILATION = 32_768;

/** Receptive field P of any model (spec §3.5): standard WaveNets 4 093, A2 6 347, an LSTM at 48 kHz 24 000. */
export const NAM_MAX_RECEPTIVE_FIELD_SAMPLES = 2 ** 18;

/** Weights in one file, all nested models together (standard WaveNet: 13 802; A2 container: 14 017). */
export const NAM_MAX_WEIGHTS = 5_000_000;

/** How deep `condition_dsp` and SlimmableContainer submodels may nest (the top-level model is depth 0; A2 uses 1). */
export const NAM_MAX_NESTING_DEPTH = 3;

/** Submodels in one SlimmableContainer (A2 ships 2). */
export const NAM_MAX_SUBMODELS = 8;

/** Blocks in a WaveNet post-stack head (`head.kernel_sizes` entries). */
export const NAM_MAX_HEAD_BLOCKS = 8;

/** LSTM `hidden_size` (the core's example uses 3; trainer presets stay well below 64). */
export const NAM_MAX_LSTM_HIDDEN_SIZE = 256;

/** LSTM `num_layers`. */
export const NAM_MAX_LSTM_LAYERS = 8;

/** ConvNet blocks (`dilations` entries). */
export const NAM_MAX_CONVNET_BLOCKS = 64;

/** Linear `receptive_field` R (taps of the impulse response): 2^16 samples ≈ 1.4 s at 48 kHz. */
export const NAM_MAX_LINEAR_RECEPTIVE_FIELD = 2 ** 16;

/** Lowest accepted `sample_rate` (hertz). */
export const NAM_MIN_SAMPLE_RATE_HZ = 8_000;

/** Highest accepted `sample_rate` (hertz). */
export const NAM_MAX_SAMPLE_RATE_HZ = 384_000;
