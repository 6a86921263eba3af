/** @module The `.nam` (Neural Amp Modeler) file contract of `docs/nam-spec.md`: schemas, validator, facts, helpers. */

export { collectNamWarnings } from "./collect-nam-warnings.ts";
export { type ConvNetConfig, convNetConfigSchema } from "./convnet-config.ts";
export { describeNamModel } from "./describe-nam-model.ts";
export { LINEAR_IMPLEMENTATIONS, type LinearConfig, linearConfigSchema } from "./linear-config.ts";
export { type LstmConfig, lstmConfigSchema } from "./lstm-config.ts";
export {
  NAM_ACTIVATION_NAMES,
  type NamActivation,
  type NamActivationName,
  namActivationChannelCount,
  namActivationSchema,
  namActivationType,
} from "./nam-activation.ts";
export { namInputChannels, namOutputChannels } from "./nam-channels.ts";
export { namFileSchema } from "./nam-file.ts";
export {
  NAM_MAX_CHANNELS,
  NAM_MAX_CONVNET_BLOCKS,
  NAM_MAX_DILATION,
  NAM_MAX_HEAD_BLOCKS,
  NAM_MAX_KERNEL_SIZE,
  NAM_MAX_LAYER_ARRAYS,
  NAM_MAX_LAYERS_PER_ARRAY,
  NAM_MAX_LINEAR_RECEPTIVE_FIELD,
  NAM_MAX_LSTM_HIDDEN_SIZE,
  NAM_MAX_LSTM_LAYERS,
  NAM_MAX_NESTING_DEPTH,
  NAM_MAX_RECEPTIVE_FIELD_SAMPLES,
  NAM_MAX_SAMPLE_RATE_HZ,
  NAM_MAX_SUBMODELS,
  NAM_MAX_WEIGHTS,
  NAM_MIN_SAMPLE_RATE_HZ,
} from "./nam-limits.ts";
export { type NamMetadata, namMetadataSchema } from "./nam-metadata.ts";
export {
  NAM_MODEL_VARIANTS,
  NAM_SIZE_PRESETS,
  type NamModelFacts,
  type NamModelVariant,
  type NamSizePreset,
  namModelFactsSchema,
} from "./nam-model-facts.ts";
export {
  type ConvNetNamFile,
  type LinearNamFile,
  type LstmNamFile,
  NAM_ARCHITECTURES,
  type NamArchitecture,
  type NamFile,
  type NamFileEnvelope,
  namModelSchema,
  type SlimmableContainerNamFile,
  type WaveNetNamFile,
} from "./nam-model-schema.ts";
export { namReceptiveFieldSamples } from "./nam-receptive-field.ts";
export {
  formatNamFieldPath,
  NAM_ROOT_FIELD,
  type NamProblem,
  NamValidationError,
} from "./nam-validation-error.ts";
export { namSizePreset, namVariant } from "./nam-variant.ts";
export {
  NAM_MAX_FULLY_SUPPORTED_FILE_VERSION,
  NAM_MIN_FILE_VERSION,
  type NamVersion,
  namVersionProblem,
  namVersionSchema,
  namVersionWarning,
  parseNamVersion,
} from "./nam-version.ts";
export { namWeightCount, namWeightsLength } from "./nam-weight-count.ts";
export { namWeightsSchema } from "./nam-weights.ts";
export {
  type ParsedNam,
  type ParseNamFileOptions,
  parseNamFile,
  type SafeParseNamResult,
  safeParseNamFile,
} from "./parse-nam-file.ts";
export {
  type ResolvedWaveNetLayer,
  type ResolvedWaveNetLayerArray,
  resolveWaveNetLayerArray,
} from "./resolve-wavenet-layer-array.ts";
export {
  type SlimmableContainerConfig,
  type SlimmableContainerSubmodel,
  slimmableContainerConfigSchema,
} from "./slimmable-container-config.ts";
export { type WaveNetConfig, waveNetConfigSchema } from "./wavenet-config.ts";
export {
  WAVENET_FILM_KEYS,
  type WaveNetFilmConfig,
  type WaveNetFilmKey,
  waveNetFilmConfigSchema,
} from "./wavenet-film-config.ts";
export {
  WAVENET_GATING_MODES,
  type WaveNetGatingMode,
  type WaveNetLayerArrayConfig,
  waveNetLayerArrayConfigSchema,
} from "./wavenet-layer-array-config.ts";
export { type WaveNetPostHeadConfig, waveNetPostHeadConfigSchema } from "./wavenet-post-head-config.ts";
