/** Why a user's model could not be imported; `code` is stable for code, `message` is for the user. */
export type ModelImportErrorCode =
  /** No model.json among the files, or nothing given. */
  | 'no-model-json'
  /** model.json (or a labels file) is not valid JSON. */
  | 'bad-json'
  /** Valid JSON but not a tfjs LayersModel (e.g. a graph model or some other file). */
  | 'not-layers-model'
  /** A weight shard named by the manifest is absent. */
  | 'missing-shard'
  /** A shard's byte length differs from what the manifest's weights need. */
  | 'shard-size'
  /** A weight's shape in the manifest differs from what its layer expects, or a weight is missing/extra. */
  | 'weight-shape'
  /** The model's input is not an image (rank 3) or vector (rank 1) of fixed size, or it has several inputs. */
  | 'unsupported-input'
  /** A shape is not fully known (None dimensions beyond the batch). */
  | 'unsupported-shape'
  /** Something else about the architecture LayerWalk cannot show (shared layers, multi-output layers...). */
  | 'unsupported-model'
  /** tfjs itself refused the model (unknown layer class, bad config). */
  | 'load-failed'
  /** Fetching a URL failed. */
  | 'fetch-failed'
  /** The labels file does not match the model's outputs or cannot be read. */
  | 'labels-mismatch'
  /** Checkpoints given together do not share one architecture. */
  | 'architecture-mismatch'
  /** Two dropped files have the same path (e.g. two checkpoints' shards dropped without their folders). */
  | 'duplicate-file'
  /** A dropped probe image could not be decoded. */
  | 'bad-image';

export class ModelImportError extends Error {
  override name = 'ModelImportError';
  constructor(
    readonly code: ModelImportErrorCode,
    message: string,
    /** The file the problem is in, when there is one. */
    readonly fileName?: string,
  ) {
    super(message);
  }
}
