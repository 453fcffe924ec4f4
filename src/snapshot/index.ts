/**
 * The LayerWalk recording format (docs/snapshot-format.md): a Recording as compact bytes, and back.
 * Framework-free: imports only src/domain and src/core.
 */
export { SnapshotFormatError, type SnapshotErrorCode } from './errors';
export { encodeRecording } from './encode';
export { decodeRecording } from './decode';
export { encodeEpoch } from './encode-epoch';
export { decodeEpoch } from './decode-epoch';
export { appendEpoch } from './append';
export { validateRecording, validateEpoch } from './validate';
export { validateNetwork } from './validate-network';
export type { EncodeOptions } from './options';
export type { QuantBits } from './quantise';
export { computeQuantParams, computeQuantErrorBound } from './quantise';
export { FORMAT_VERSION_MAJOR, FORMAT_VERSION_MINOR } from './format';
export { MAX_TENSOR_VALUES, MAX_TOTAL_VALUES, MAX_PROBES, MAX_LAYERS, MAX_EPOCHS } from './limits';
