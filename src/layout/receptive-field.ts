import type { LayerDescription, NetworkDescription } from '../domain/network';
import { computeSpatialShape } from '../domain/network';
import { LayoutError } from './layout-error';
import type { NetworkLayout } from './types';
import { computeCellPosition, computeDrawnLayerId, computeMapIndex } from './unit-positions';

export interface CellSelection {
  readonly layerId: number;
  readonly channel: number;
  readonly row: number;
  readonly col: number;
}

/** The cells of one earlier layer that the selected cell depends on (inclusive ranges, clipped to the map). */
export interface ReceptiveFieldStep {
  readonly layerId: number;
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly colStart: number;
  readonly colEnd: number;
  /** The one channel involved, or -1 for all (after a convolution mixes channels). */
  readonly channel: number;
}

export interface ReceptiveField {
  /** Centre of the selected cell, network space. */
  readonly cell: Float32Array;
  /** From the layer feeding the selected one back to the network input (or the first non-spatial layer). */
  readonly steps: readonly ReceptiveFieldStep[];
  /** Patch rectangles drawn on maps: patchCount * 4 corners * 3 (top-left, top-right, bottom-right, bottom-left). */
  readonly patchCorners: Float32Array;
  /** Which step each patch belongs to (patchCount). */
  readonly patchSteps: Int32Array;
  /** Line segments from the selected cell to the corners of every patch of steps[0]: segmentCount * 2 points * 3. */
  readonly segments: Float32Array;
}

/**
 * Receptive field of one cell of a conv/pool (or any spatial) layer. Going back one layer maps the
 * inclusive row range [r0, r1] to [r0·s - pad, r1·s - pad + (k-1)·d] (kernel k, stride s,
 * dilation d; 'same' padding puts floor(total/2) on top, total = max((out-1)·s + (k-1)·d + 1 - in, 0)),
 * likewise for columns; padding layers shift by their top/left pad; element-wise layers keep the
 * range. Ranges are clipped to the map. Convolutions involve all input channels, pooling and
 * element-wise layers only the same channel, depthwise convs the channel c / multiplier.
 */
export function computeReceptiveField(network: NetworkDescription, layout: NetworkLayout, selection: CellSelection): ReceptiveField {
  const selected = network.layers[selection.layerId];
  if (!selected || layout.layers[selection.layerId]?.style !== 'maps') {
    throw new LayoutError(`layer ${selection.layerId} has no feature maps to select a cell in`);
  }
  const shape = computeSpatialShape(selected.outputShape);
  if (!inRange(selection.row, shape.height) || !inRange(selection.col, shape.width) || !inRange(selection.channel, shape.channels)) {
    throw new LayoutError(
      `cell (${selection.row}, ${selection.col}) of map ${selection.channel} is outside layer "${selected.name}" (${shape.height}x${shape.width}x${shape.channels})`,
    );
  }
  const cell = new Float32Array(3);
  computeCellPosition(layout.layers[selection.layerId]!, selection.channel, selection.row, selection.col, cell, 0);

  const steps: ReceptiveFieldStep[] = [];
  let range = { r0: selection.row, r1: selection.row, c0: selection.col, c1: selection.col, channel: selection.channel };
  let layer: LayerDescription = selected;
  for (;;) {
    const back = computeStepBack(network, layer, range);
    if (!back) break;
    steps.push(back.step);
    range = { r0: back.step.rowStart, r1: back.step.rowEnd, c0: back.step.colStart, c1: back.step.colEnd, channel: back.step.channel };
    layer = back.input;
  }

  // Patches: one rectangle per map shown of each step's (drawn) layer.
  const corners: number[] = [];
  const patchSteps: number[] = [];
  const scratch = new Float32Array(12);
  steps.forEach((step, s) => {
    const drawnId = computeDrawnLayerId(network, layout, step.layerId);
    const drawn = layout.layers[drawnId]!;
    if (drawn.style !== 'maps') return;
    const channels = step.channel >= 0 ? [step.channel] : Array.from({ length: computeSpatialShape(network.layers[step.layerId]!.outputShape).channels }, (_, c) => c);
    const seen = new Set<number>();
    for (const c of channels) {
      const map = computeMapIndex(drawn, c);
      if (map < 0 || seen.has(map)) continue;
      seen.add(map);
      computeCellPosition(drawn, c, step.rowStart - 0.5, step.colStart - 0.5, scratch, 0);
      computeCellPosition(drawn, c, step.rowStart - 0.5, step.colEnd + 0.5, scratch, 3);
      computeCellPosition(drawn, c, step.rowEnd + 0.5, step.colEnd + 0.5, scratch, 6);
      computeCellPosition(drawn, c, step.rowEnd + 0.5, step.colStart - 0.5, scratch, 9);
      for (const v of scratch) corners.push(v);
      patchSteps.push(s);
    }
  });
  const patchCorners = new Float32Array(corners);
  const firstPatches = patchSteps.filter((s) => s === 0).length;
  const segments = new Float32Array(firstPatches * 4 * 6);
  for (let p = 0; p < firstPatches; p++) {
    for (let k = 0; k < 4; k++) {
      const o = (p * 4 + k) * 6;
      segments.set(cell, o);
      segments.set(patchCorners.subarray((p * 4 + k) * 3, (p * 4 + k) * 3 + 3), o + 3);
    }
  }
  return { cell, steps, patchCorners, patchSteps: new Int32Array(patchSteps), segments };
}

interface Range {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  channel: number;
}

function computeStepBack(network: NetworkDescription, layer: LayerDescription, range: Range): { step: ReceptiveFieldStep; input: LayerDescription } | null {
  let slot = 0;
  let channel = range.channel;
  if (layer.kind === 'concatenate' && channel >= 0) {
    // Follow the input that holds this channel.
    for (; slot < layer.inputs.length; slot++) {
      const c = computeSpatialShape(network.layers[layer.inputs[slot]!]!.outputShape).channels;
      if (channel < c) break;
      channel -= c;
    }
  }
  const input = network.layers[layer.inputs[slot] ?? -1];
  if (!input || input.outputShape.length !== 3 || layer.outputShape.length !== 3) return null;
  const inShape = computeSpatialShape(input.outputShape);
  const outShape = computeSpatialShape(layer.outputShape);
  let { r0, r1, c0, c1 } = range;
  switch (layer.kind) {
    case 'conv2d':
    case 'depthwise-conv2d':
    case 'separable-conv2d':
    case 'max-pool2d':
    case 'avg-pool2d': {
      const pooling = layer.kind === 'max-pool2d' || layer.kind === 'avg-pool2d';
      const k = (pooling ? layer.poolSize : layer.kernelSize) ?? [1, 1];
      const s = layer.strides ?? (pooling ? k : [1, 1]);
      const d = pooling ? [1, 1] : (layer.dilation ?? [1, 1]);
      const padTop = computePadBefore(layer.padding, inShape.height, outShape.height, k[0], s[0], d[0]!);
      const padLeft = computePadBefore(layer.padding, inShape.width, outShape.width, k[1], s[1], d[1]!);
      [r0, r1] = [r0 * s[0] - padTop, r1 * s[0] - padTop + (k[0] - 1) * d[0]!];
      [c0, c1] = [c0 * s[1] - padLeft, c1 * s[1] - padLeft + (k[1] - 1) * d[1]!];
      if (layer.kind === 'conv2d' || layer.kind === 'separable-conv2d') channel = -1;
      else if (layer.kind === 'depthwise-conv2d' && channel >= 0) channel = Math.floor(channel / (outShape.channels / inShape.channels));
      break;
    }
    case 'zero-padding2d': {
      const [[top], [left]] = layer.zeroPadding ?? [[0, 0], [0, 0]];
      [r0, r1, c0, c1] = [r0 - top, r1 - top, c0 - left, c1 - left];
      break;
    }
    case 'batch-norm':
    case 'activation':
    case 'dropout':
    case 'add':
    case 'concatenate':
      break;
    default:
      return null;
  }
  const clip = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const step = {
    layerId: input.id,
    rowStart: clip(r0, inShape.height),
    rowEnd: clip(r1, inShape.height),
    colStart: clip(c0, inShape.width),
    colEnd: clip(c1, inShape.width),
    channel,
  };
  return { step, input };
}

function computePadBefore(padding: string | undefined, inSize: number, outSize: number, k: number, s: number, d: number): number {
  if (padding !== 'same') return 0;
  return Math.floor(Math.max((outSize - 1) * s + (k - 1) * d + 1 - inSize, 0) / 2);
}

function inRange(v: number, n: number): boolean {
  return Number.isInteger(v) && v >= 0 && v < n;
}
