/**
 * Hard limits checked BEFORE allocating anything a file asks for, so a header claiming 10^12
 * values is rejected instead of attempted. Generous for real models (VGG16's largest weight tensor
 * is 25088 x 4096 = 1.03e8 values), small enough that a browser tab survives a hostile file.
 */

/** Values in one tensor (one weight, one probe's activations of one layer). 2^27 = 134M (512 MiB as float32). */
export const MAX_TENSOR_VALUES = 2 ** 27;
/** Values decoded from one file in total, all epochs together. 2^28 = 268M (1 GiB as float32). */
export const MAX_TOTAL_VALUES = 2 ** 28;
/** Bytes of one JSON header. */
export const MAX_JSON_BYTES = 16 * 2 ** 20;
/** Layers in a network. */
export const MAX_LAYERS = 10_000;
/** Probe inputs in a recording. */
export const MAX_PROBES = 4_096;
/** Dimensions of a shape. */
export const MAX_RANK = 8;
/** Epochs in one recording. */
export const MAX_EPOCHS = 100_000;
