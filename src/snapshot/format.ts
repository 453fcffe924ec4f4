/**
 * Constants of the binary layout (docs/snapshot-format.md is the prose version of this file).
 * All integers are little-endian.
 */

/** 'LWRC': LayerWalk ReCording. */
export const MAGIC = [0x4c, 0x57, 0x52, 0x43] as const;
/** Incompatible changes bump the major version; readers reject a major they do not know. */
export const FORMAT_VERSION_MAJOR = 1;
/** Compatible additions (optional JSON fields, new chunk types old readers skip) bump the minor. */
export const FORMAT_VERSION_MINOR = 0;
/** Magic (4) + major (u16) + minor (u16). */
export const PREAMBLE_BYTES = 8;

/** Chunk = tag (4 ASCII bytes) + payload length (u32) + payload + CRC-32 of tag and payload (u32). */
export const CHUNK_OVERHEAD_BYTES = 12;
export const TAG_HEADER = 'HEAD';
export const TAG_EPOCH = 'EPCH';

/** How a tensor record's data bytes are coded. */
export const TensorEncoding = {
  /** Plain float32 values. */
  rawFloat32: 0,
  /** Quantised symbols (8 or 16 bits), packed. */
  packed: 1,
  /** Quantised symbols, run-length coded (see run-length.ts). */
  runLength: 2,
} as const;

/** Order of a tensor record's values. */
export const TensorOrder = {
  /** As in memory: row-major, HWC for images. */
  natural: 0,
  /** A [h, w, c] tensor stored channel by channel (CHW) so a feature map's runs are contiguous. */
  planar: 1,
} as const;

/** Tensor record header: encoding u8, bits u8, order u8, reserved u8, count u32, byteLength u32, zeroPoint u32, scale f64. */
export const TENSOR_HEADER_BYTES = 24;

/**
 * Where an epoch's activations of a layer come from. Anything but 'stored' is rebuilt on decode
 * from data already in the file; the encoder picks it only when the rebuild equals the input exactly.
 */
export type ActivationSource =
  /** Stored in the chunk, one tensor record per probe. */
  | 'stored'
  /** The probe inputs of the file header (input layers). */
  | 'probes'
  /** The single input layer's activations, same values in the same order (flatten, reshape, dropout). */
  | 'identity'
  /** Max-pooling of the single input layer's activations with the layer's pool size, strides, padding. */
  | 'max-pool'
  /** The epoch's predictions (the last layer of a classifier). */
  | 'predictions';

export const ACTIVATION_SOURCES: readonly ActivationSource[] = ['stored', 'probes', 'identity', 'max-pool', 'predictions'];
