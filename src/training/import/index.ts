/** Loading your own TensorFlow.js model: the public surface of src/training/import. */
export { importModel } from './import-model';
export type { ImportModelOptions, ImportedModel } from './import-model';
export { ModelImportError } from './model-import-error';
export type { ModelImportErrorCode } from './model-import-error';
export { computeModelSourceFromSearch } from './model-source';
export type { ImportFile, ModelSource } from './model-source';
export { collectDroppedFiles, computeImportFiles } from './browser-files';
export { NORMALISATIONS } from './probe-inputs';
export type { Normalisation } from './probe-inputs';
export { computeDisplayCaps, DEFAULT_DISPLAY_CAP_LIMITS } from './display-caps';
export type { DisplayCapLimits } from './display-caps';
