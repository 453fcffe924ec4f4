import type { CellSelection } from '../../app/state';
import {
  computeConvCell,
  computeDenseNode,
  computePoolCell,
  isFullyRecorded,
  type ConvCellExplanation,
  type DenseNodeExplanation,
  type PoolCellExplanation,
} from '../../domain/compute-neuron';
import { computeRecordedShape, computeSpatialShape } from '../../domain/network';
import type { Recording } from '../../domain/recording';

/**
 * What the neuron inspector shows for a selection: the recomputation for conv, pooling and dense
 * cells, the class probabilities for the output layer, and the value stored in the snapshot to
 * compare with. Pure: (recording, selection, epoch, sample) -> model.
 */
export type InspectorModel =
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'value'; readonly layerName: string; readonly stored: number; readonly note: string }
  | { readonly kind: 'conv'; readonly layerName: string; readonly explanation: ConvCellExplanation; readonly stored: number | null }
  | { readonly kind: 'pool'; readonly layerName: string; readonly explanation: PoolCellExplanation; readonly stored: number | null }
  | {
      readonly kind: 'dense';
      readonly layerName: string;
      readonly unit: number;
      readonly explanation: DenseNodeExplanation;
      readonly stored: number | null;
      /** Output layer only: every class probability, with class names. */
      readonly probabilities: Float32Array | null;
      readonly classNames: readonly string[];
    };

export function computeInspectorModel(recording: Recording | null, selection: CellSelection | null, epochIndex: number, sample: number): InspectorModel {
  if (!recording || !selection) return { kind: 'none', reason: 'Select a cell or a node' };
  const layer = recording.network.layers[selection.layerId];
  const epoch = recording.epochs[epochIndex];
  if (!layer || !epoch) return { kind: 'none', reason: 'Nothing recorded for this selection' };
  const own = epoch.activations[layer.id]?.[sample];
  const recorded = computeSpatialShape(computeRecordedShape(layer));
  // Dense nodes are selected by unit: channel is the unit, row and col are 0.
  const flatIndex = (selection.row * recorded.width + selection.col) * recorded.channels + selection.channel;
  const stored = own && isFullyRecorded(layer) ? (own[flatIndex] ?? null) : null;
  const inputLayer = recording.network.layers[layer.inputs[0] ?? -1];
  const input = inputLayer ? epoch.activations[inputLayer.id]?.[sample] : undefined;
  const canRecompute = inputLayer !== undefined && input !== undefined && isFullyRecorded(inputLayer);
  try {
    if ((layer.kind === 'conv2d' || layer.kind === 'depthwise-conv2d') && canRecompute) {
      return { kind: 'conv', layerName: layer.name, stored, explanation: computeConvCell(layer, inputLayer.outputShape, input, epoch.weights[layer.id] ?? [], selection.row, selection.col, selection.channel) };
    }
    if ((layer.kind === 'max-pool2d' || layer.kind === 'avg-pool2d') && canRecompute) {
      return { kind: 'pool', layerName: layer.name, stored, explanation: computePoolCell(layer, inputLayer.outputShape, input, selection.row, selection.col, selection.channel) };
    }
    if (layer.kind === 'dense' && canRecompute) {
      const isOutput = layer.id === recording.network.layers.length - 1;
      return {
        kind: 'dense',
        layerName: layer.name,
        unit: selection.channel,
        stored,
        explanation: computeDenseNode(layer, input, epoch.weights[layer.id] ?? [], selection.channel),
        probabilities: isOutput ? (epoch.predictions[sample] ?? null) : null,
        classNames: recording.network.classNames,
      };
    }
  } catch (error) {
    return { kind: 'none', reason: error instanceof Error ? error.message : String(error) };
  }
  if (stored === null) return { kind: 'none', reason: `${layer.name}: no full-resolution value recorded here` };
  const note = layer.kind === 'input' ? 'input pixel (after normalisation)' : canRecompute ? `${layer.kind}: shown as recorded` : 'its input was downsampled for display, so it is not recomputed';
  return { kind: 'value', layerName: layer.name, stored, note };
}
