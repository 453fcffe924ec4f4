import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeConvCell, computeDenseNode, computePoolCell } from '../../../src/domain/compute-neuron';
import { computeSpatialShape } from '../../../src/domain/network';
import type { Recording } from '../../../src/domain/recording';
import { decodeRecording } from '../../../src/snapshot';

/**
 * The inspector's recomputation against the real default recording: every stored value was
 * quantised (activations 8-bit, weights 16-bit, per tensor), so recomputed and stored values may
 * differ by at most the propagated quantisation error:
 *   |f(sum w'x' + b') - y'| <= e_out + sum(|w'| e_in + (|x'| + e_in) e_w) + e_b      (f 1-Lipschitz)
 * where e = scale / 2 and scale = (max(hi, 0) - min(lo, 0)) / (2^bits - 1), taken over the decoded
 * values of the whole layer (all probes), which is at least the scale of any one tensor.
 */
const url = new URL('../../../assets/recordings/mnist-default.lwrec', import.meta.url);

function halfStep(arrays: readonly Float32Array[], bits: number): number {
  let lo = 0;
  let hi = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) {
    if (a[i]! < lo) lo = a[i]!;
    if (a[i]! > hi) hi = a[i]!;
  }
  return (hi - lo) / (2 ** bits - 1) / 2;
}

function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe.skipIf(!existsSync(url))('neuron recomputation on the default recording', () => {
  const recording: Recording = existsSync(url) ? decodeRecording(readFileSync(url)) : (null as unknown as Recording);
  const random = createRandom(11);
  const epochs = [0, recording ? recording.epochs.length - 1 : 0];

  it('conv cells match the stored activations within the quantisation bound', () => {
    let checked = 0;
    for (const layer of recording.network.layers.filter((l) => l.kind === 'conv2d')) {
      const source = recording.network.layers[layer.inputs[0]!]!;
      for (const epochIndex of epochs) {
        const epoch = recording.epochs[epochIndex]!;
        const eIn = source.kind === 'input' ? halfStep(recording.probes.inputs, 16) : halfStep(epoch.activations[source.id]!, 8);
        const eOut = halfStep(epoch.activations[layer.id]!, 8);
        const weights = epoch.weights[layer.id]!;
        const eW = halfStep([weights[0]!.data], 16);
        const eB = halfStep([weights[1]!.data], 16);
        const { height, width, channels } = computeSpatialShape(layer.outputShape);
        for (let t = 0; t < 60; t++) {
          const probe = Math.floor(random() * recording.probes.inputs.length);
          const [row, col, ch] = [Math.floor(random() * height), Math.floor(random() * width), Math.floor(random() * channels)];
          const cell = computeConvCell(layer, source.outputShape, epoch.activations[source.id]![probe]!, weights, row, col, ch);
          const stored = epoch.activations[layer.id]![probe]![(row * width + col) * channels + ch]!;
          let bound = eOut + eB + 1e-5;
          for (let i = 0; i < cell.kernel.length; i++) bound += Math.abs(cell.kernel[i]!) * eIn + (Math.abs(cell.patch[i]!) + eIn) * eW;
          expect(Math.abs(cell.value - stored)).toBeLessThanOrEqual(bound);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(240);
  });

  it('pooling windows pick the stored maximum', () => {
    for (const layer of recording.network.layers.filter((l) => l.kind === 'max-pool2d')) {
      const source = recording.network.layers[layer.inputs[0]!]!;
      const epoch = recording.epochs[recording.epochs.length - 1]!;
      const bound = halfStep(epoch.activations[source.id]!, 8) + halfStep(epoch.activations[layer.id]!, 8) + 1e-6;
      const { height, width, channels } = computeSpatialShape(layer.outputShape);
      for (let t = 0; t < 50; t++) {
        const [row, col, ch] = [Math.floor(random() * height), Math.floor(random() * width), Math.floor(random() * channels)];
        const cell = computePoolCell(layer, source.outputShape, epoch.activations[source.id]![0]!, row, col, ch);
        expect(Math.abs(cell.value - epoch.activations[layer.id]![0]![(row * width + col) * channels + ch]!)).toBeLessThanOrEqual(bound);
        expect(cell.window[cell.winner]).toBe(cell.value);
      }
    }
  });

  it('dense nodes (ReLU and softmax output) match within the bound', () => {
    const epoch = recording.epochs[recording.epochs.length - 1]!;
    for (const layer of recording.network.layers.filter((l) => l.kind === 'dense')) {
      const source = recording.network.layers[layer.inputs[0]!]!;
      const units = layer.outputShape[0]!;
      const eIn = halfStep(epoch.activations[source.id]!, 8);
      const eOut = halfStep(epoch.activations[layer.id]!, 8);
      const weights = epoch.weights[layer.id]!;
      const [kernel, bias] = [weights[0]!, weights[1]!];
      const eW = halfStep([kernel.data], 16);
      const eB = halfStep([bias.data], 16);
      for (let probe = 0; probe < 3; probe++) {
        const input = epoch.activations[source.id]![probe]!;
        // Bound of each unit's pre-activation error; softmax moves a probability by at most half the largest.
        const preBounds = Array.from({ length: units }, (_, u) => {
          let b = eB + 1e-5;
          for (let i = 0; i < input.length; i++) b += Math.abs(kernel.data[i * units + u]!) * eIn + (Math.abs(input[i]!) + eIn) * eW;
          return b;
        });
        for (let unit = 0; unit < units; unit++) {
          const node = computeDenseNode(layer, input, weights, unit);
          const bound = eOut + (layer.activation === 'softmax' ? 0.5 * Math.max(...preBounds) : preBounds[unit]!);
          expect(Math.abs(node.value - epoch.activations[layer.id]![probe]![unit]!)).toBeLessThanOrEqual(bound);
        }
      }
    }
  });
});
