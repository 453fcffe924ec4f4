/**
 * The one error type the snapshot format throws. Every problem a file or an in-memory recording can
 * have maps to a `code` a program can switch on, and a message a person can act on
 * (e.g. "epoch 3, layer conv2d_1 activations, probe 4: expected 5408 values, file says 5000").
 */

export type SnapshotErrorCode =
  /** The bytes end before a structure they announce. */
  | 'truncated'
  /** Not a LayerWalk recording (first bytes are not the magic number). */
  | 'bad-magic'
  /** A major version this reader does not know. */
  | 'unsupported-version'
  /** A chunk's checksum does not match its bytes (corruption). */
  | 'checksum'
  /** Chunk framing is wrong: unknown or missing chunk, chunks out of order, bad tensor record. */
  | 'bad-chunk'
  /** The JSON header (or an epoch's JSON) is not valid JSON or lacks/mistypes a field. */
  | 'bad-header'
  /** The network description is inconsistent (layer inputs, names, kinds, shapes). */
  | 'bad-network'
  /** A tensor's number of values differs from what its shape or layer requires. */
  | 'size-mismatch'
  /** A tensor's shape differs from what the network declares. */
  | 'shape-mismatch'
  /** NaN or Infinity where a finite number is required. */
  | 'non-finite'
  /** A size beyond the format's limits (guarded before any allocation). */
  | 'too-large'
  /** Epoch numbers not strictly ascending, or an epoch appended out of order. */
  | 'epoch-order';

export class SnapshotFormatError extends Error {
  override name = 'SnapshotFormatError';
  readonly code: SnapshotErrorCode;

  constructor(code: SnapshotErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Throws a SnapshotFormatError; a function so call sites read as one line. */
export function fail(code: SnapshotErrorCode, message: string): never {
  throw new SnapshotFormatError(code, message);
}
