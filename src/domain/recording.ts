import type { NetworkDescription } from './network';

/**
 * A recording: a network and the snapshots of its training, one per epoch.
 * This is the only thing that crosses from training to viewing; it holds no tfjs objects.
 */

/** A dense tensor as plain data. Row-major; image-like tensors are HWC, kernels are [kh, kw, in, out] (tfjs order). */
export interface TensorData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface EpochMetrics {
  /** NaN where not measured (e.g. train loss of the untrained epoch 0). */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** Training samples seen so far, cumulative. */
  readonly samplesSeen: number;
}

export interface EpochSnapshot {
  /** 0 is the untrained network. */
  readonly epoch: number;
  readonly metrics: EpochMetrics;
  /** weights[layerId][i] matches network.layers[layerId].weights[i]. */
  readonly weights: readonly (readonly TensorData[])[];
  /**
   * activations[layerId][probe]: the layer's output for that probe input, flattened HWC,
   * with computeRecordedShape(layer) (the cap's shape when the layer is capped).
   */
  readonly activations: readonly (readonly Float32Array[])[];
  /** predictions[probe]: class probabilities of the last layer. */
  readonly predictions: readonly Float32Array[];
}

export interface ProbeSet {
  /** Shape of one probe input, e.g. [28, 28, 1]. */
  readonly inputShape: readonly number[];
  /** The probe inputs as fed to the network (after normalisation). */
  readonly inputs: readonly Float32Array[];
  /** True label per probe; -1 where unknown. */
  readonly labels: readonly number[];
  /** How raw pixels were mapped to network input, for display: '0..1', '-1..1', '0..255'. */
  readonly normalisation: string;
}

export interface DatasetInfo {
  readonly name: string;
  readonly trainSize: number;
  readonly testSize: number;
  /** Training samples in one display epoch. */
  readonly samplesPerEpoch: number;
}

export interface Recording {
  readonly network: NetworkDescription;
  readonly dataset: DatasetInfo;
  readonly probes: ProbeSet;
  readonly epochs: readonly EpochSnapshot[];
}
