import type * as tf from '@tensorflow/tfjs';
import { decodeMnist } from '../../domain/mnist-format';
import type { NetworkDescription } from '../../domain/network';
import type { EpochMetrics, EpochSnapshot, ProbeSet, Recording } from '../../domain/recording';
import { describeModel } from '../describe-model';
import { extractEpochSnapshot } from '../extract-snapshot';
import { computeArchitectureDifference, computeCheckpointOrder } from './checkpoints';
import type { DecodedImage } from './decode-image-file';
import { decodeImageFile } from './decode-image-file';
import type { DisplayCapLimits } from './display-caps';
import { computeCapNotices, computeDisplayCaps } from './display-caps';
import { parseLabels } from './labels';
import { loadCheckpointModel } from './load-checkpoint';
import { ModelImportError } from './model-import-error';
import type { CheckpointSource, CollectedSource, ImportFile, ModelSource } from './model-source';
import { collectSource } from './model-source';
import type { Normalisation } from './probe-inputs';
import { computeImageProbe, computeIsMnistShape, computeMnistProbeSet, computePatternProbeSet, PATTERN_NAMES } from './probe-inputs';

/**
 * A user's TensorFlow.js LayersModel (one or several checkpoints) -> a Recording the viewer shows like
 * a trained one. Nothing on screen changes until this resolves; every failure is a ModelImportError
 * naming the file and the problem, and every tfjs model it loads is disposed.
 */

export interface ImportModelOptions {
  /** How 0..255 pixels become network input, for images, MNIST and patterns alike. Default '0..1'. */
  readonly normalisation?: Normalisation;
  /** Class names; overrides a labels file. */
  readonly classNames?: readonly string[];
  /** Display caps for big models; defaults: maps to 32x32, 64 maps a layer, 4096 units. */
  readonly capLimits?: Partial<DisplayCapLimits>;
  /** 0..1 with a label, for a progress bar. */
  readonly onProgress?: (fraction: number, label: string) => void;
  readonly fetch?: typeof fetch;
  /** Image decoding; default: the browser's (createImageBitmap + canvas). */
  readonly decodeImage?: (file: ImportFile) => Promise<DecodedImage>;
  /** The MNIST test split (assets/generated/mnist/mnist-test.bin); default: fetched from the app's base URL. */
  readonly loadMnistTest?: () => Promise<ArrayBuffer | Uint8Array>;
  /** At most this many dropped images become probes. Default 20. */
  readonly maxImages?: number;
}

export interface ImportedModel {
  readonly recording: Recording;
  /** For the user: generically shown layers, display caps, which probes, checkpoints, ignored files. */
  readonly notices: string[];
}

const NO_METRICS: EpochMetrics = { trainLoss: NaN, trainAccuracy: NaN, testLoss: NaN, testAccuracy: NaN, samplesSeen: 0 };

export async function importModel(source: ModelSource, options: ImportModelOptions = {}): Promise<ImportedModel> {
  const progress = options.onProgress ?? (() => undefined);
  progress(0, 'reading model files');
  const collected = await collectSource(source, options.fetch ?? globalThis.fetch?.bind(globalThis));
  const order = computeCheckpointOrder(collected.checkpoints.map((c) => c.parsed.fileName));
  const checkpoints = order.map((i) => collected.checkpoints[i]!);
  const classNames = options.classNames ?? (collected.labels ? parseLabels(collected.labels.text, collected.labels.fileName) : undefined);
  const notices: string[] = [];
  const epochs: EpochSnapshot[] = [];
  let network: NetworkDescription | undefined;
  let probes: ProbeSet | undefined;
  const steps = checkpoints.length * 2;
  for (const [index, checkpoint] of checkpoints.entries()) {
    const fileName = checkpoint.parsed.fileName;
    progress((index * 2) / steps, `loading ${fileName}`);
    const model = await loadCheckpointModel(checkpoint.parsed, await checkpoint.loadShards());
    try {
      const described = describeCheckpoint(model, checkpoint, classNames, options.capLimits, collected.labels?.fileName);
      if (!network) {
        network = described.network;
        probes = await createProbes(model, collected, options, notices);
        if (described.genericLayers.length > 0) {
          notices.push(`Shown as generic blocks (their outputs are drawn, their math is not explained): ${described.genericLayers.join(', ')}`);
        }
        const caps = computeCapNotices(network);
        if (caps.length > 0) notices.push(`Display caps (what is recorded for display; the model is unchanged): ${caps.join('; ')}`);
      } else {
        const difference = computeArchitectureDifference(network, described.network);
        if (difference) {
          throw new ModelImportError(
            'architecture-mismatch',
            `${fileName} is not the same architecture as ${checkpoints[0]!.parsed.fileName}: ${difference}`,
            fileName,
          );
        }
      }
      progress((index * 2 + 1) / steps, `recording activations of ${fileName}`);
      epochs.push(await extractEpochSnapshot(model, described.network, probes!, index, NO_METRICS));
    } catch (error) {
      if (error instanceof ModelImportError) throw error;
      // Anything tfjs throws past validation still reaches the user as a typed, named error.
      throw new ModelImportError('unsupported-model', `${fileName}: LayerWalk could not run this model: ${(error as Error).message ?? String(error)}`, fileName);
    } finally {
      disposeModel(model);
    }
  }
  if (checkpoints.length > 1) notices.push(`${checkpoints.length} checkpoints became epochs 0..${checkpoints.length - 1}: ${checkpoints.map((c) => c.parsed.fileName).join(', ')}`);
  if (collected.ignored.length > 0) notices.push(`Ignored files: ${collected.ignored.join(', ')}`);
  progress(1, 'done');
  const recording: Recording = {
    network: network!,
    dataset: { name: `imported model "${network!.name}"`, trainSize: 0, testSize: 0, samplesPerEpoch: 0 },
    probes: probes!,
    epochs,
  };
  return { recording, notices };
}

/**
 * model.dispose() leaves the variables of a model nested in it when tfjs counted that layer twice
 * (e.g. a shared nested model we refused): free whatever of the model's variables it left.
 */
function disposeModel(model: tf.LayersModel): void {
  const variables = model.weights.map((weight) => weight.read());
  model.dispose();
  for (const variable of variables) if (!variable.isDisposed) variable.dispose();
}

function describeCheckpoint(
  model: tf.LayersModel,
  checkpoint: CheckpointSource,
  classNames: readonly string[] | undefined,
  capLimits: Partial<DisplayCapLimits> | undefined,
  labelsFileName: string | undefined,
): { network: NetworkDescription; genericLayers: string[] } {
  try {
    const described = describeModel(model, classNames ? { classNames } : {});
    return { network: computeDisplayCaps(described.network, capLimits), genericLayers: described.genericLayers };
  } catch (error) {
    if (error instanceof ModelImportError) {
      if (error.code === 'labels-mismatch' && labelsFileName) throw new ModelImportError(error.code, `${labelsFileName}: ${error.message}`, labelsFileName);
      throw new ModelImportError(error.code, `${checkpoint.parsed.fileName}: ${error.message}`, error.fileName ?? checkpoint.parsed.fileName);
    }
    throw error;
  }
}

async function createProbes(model: tf.LayersModel, collected: CollectedSource, options: ImportModelOptions, notices: string[]): Promise<ProbeSet> {
  const normalisation = options.normalisation ?? '0..1';
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const shapeText = inputShape.join('×');
  if (collected.images.length > 0) {
    const decode = options.decodeImage ?? decodeImageFile;
    const images = collected.images.slice(0, options.maxImages ?? 20);
    const inputs: Float32Array[] = [];
    for (const file of images) {
      const name = file.path ?? file.name;
      const image = await decode(file);
      const probe = computeImageProbe(image.data, image.width, image.height, inputShape, normalisation);
      if (!probe) throw new ModelImportError('unsupported-input', `${name}: the model's input [${inputShape.join(', ')}] is not an image, so images cannot be fed to it`, name);
      inputs.push(probe);
    }
    notices.push(`Probes: ${inputs.length} of your images (${images.map((f) => f.name).join(', ')}), resized to ${shapeText}, normalised ${normalisation}`);
    return { inputShape, inputs, labels: inputs.map(() => -1), normalisation };
  }
  if (computeIsMnistShape(inputShape)) {
    const bytes = await (options.loadMnistTest ?? fetchMnistTest)();
    const probes = computeMnistProbeSet(decodeMnist(bytes), inputShape, normalisation);
    notices.push(`Probes: ${probes.inputs.length} MNIST test images (two per digit), normalised ${normalisation}`);
    return probes;
  }
  notices.push(`Probes: ${PATTERN_NAMES.length} generated patterns (${PATTERN_NAMES.join(', ')}) at ${shapeText}, normalised ${normalisation}; drop images with the model to use your own`);
  return computePatternProbeSet(inputShape, normalisation);
}

async function fetchMnistTest(): Promise<ArrayBuffer> {
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const url = `${base}generated/mnist/mnist-test.bin`;
  const response = await fetch(url);
  if (!response.ok) throw new ModelImportError('fetch-failed', `could not fetch the MNIST probe images ${url}: HTTP ${response.status}`, url);
  return response.arrayBuffer();
}
