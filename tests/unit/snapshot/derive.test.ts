import { describe, expect, it } from 'vitest';
import type { LayerDescription, NetworkDescription } from '../../../src/domain/network';
import { computeMaxPool, computeMaxPoolGeometry } from '../../../src/snapshot/derive';

function poolNetwork(inShape: number[], pool: Partial<LayerDescription>): NetworkDescription {
  return {
    name: 'pool',
    classNames: [],
    layers: [
      { id: 0, name: 'in', kind: 'input', className: 'InputLayer', inputs: [], outputShape: inShape, weights: [] },
      { id: 1, name: 'pool', kind: 'max-pool2d', className: 'MaxPooling2D', inputs: [0], outputShape: [1, 1, 1], weights: [], ...pool },
    ],
  };
}

describe('max-pool rebuild (TensorFlow arithmetic)', () => {
  it("'valid' 2x2 stride 2 on 5x5 drops the last row and column", () => {
    const net = poolNetwork([5, 5, 1], { outputShape: [2, 2, 1], poolSize: [2, 2] });
    const g = computeMaxPoolGeometry(net, net.layers[1]!)!;
    const input = Float32Array.from({ length: 25 }, (_, i) => i);
    const out = new Float32Array(4);
    computeMaxPool(input, g, out);
    expect(Array.from(out)).toEqual([6, 8, 16, 18]);
  });

  it("'same' 2x2 stride 2 on 3x3 pads after (pad_top = floor(total / 2) = 0), ignoring padded cells", () => {
    const net = poolNetwork([3, 3, 1], { outputShape: [2, 2, 1], poolSize: [2, 2], strides: [2, 2], padding: 'same' });
    const g = computeMaxPoolGeometry(net, net.layers[1]!)!;
    expect([g.padTop, g.padLeft]).toEqual([0, 0]);
    const out = new Float32Array(4);
    computeMaxPool(Float32Array.of(-1, -2, -3, -4, -5, -6, -7, -8, -9), g, out);
    // Windows: rows {0,1} / {2}, columns {0,1} / {2}; all values negative so padding must not count as 0.
    expect(Array.from(out)).toEqual([-1, -3, -7, -9]);
  });

  it("'same' 3x3 stride 2 on 4x4 pads one before and one after, per channel", () => {
    const net = poolNetwork([4, 4, 2], { outputShape: [2, 2, 2], poolSize: [3, 3], strides: [2, 2], padding: 'same' });
    const g = computeMaxPoolGeometry(net, net.layers[1]!)!;
    expect([g.padTop, g.padLeft]).toEqual([0, 0]); // total = (2-1)*2 + 3 - 4 = 1 -> 0 before, 1 after
    const input = Float32Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? i / 2 : -i));
    const out = new Float32Array(8);
    computeMaxPool(input, g, out);
    // Channel 0 holds 0..15 row-major: windows rows 0..2 / 2..3, cols 0..2 / 2..3.
    expect([out[0], out[2], out[4], out[6]]).toEqual([10, 11, 14, 15]);
  });

  it('refuses layers whose declared shape does not follow from the pooling arithmetic, or that are capped', () => {
    const wrong = poolNetwork([5, 5, 1], { outputShape: [3, 3, 1], poolSize: [2, 2] });
    expect(computeMaxPoolGeometry(wrong, wrong.layers[1]!)).toBeNull();
    const channels = poolNetwork([4, 4, 2], { outputShape: [2, 2, 3], poolSize: [2, 2] });
    expect(computeMaxPoolGeometry(channels, channels.layers[1]!)).toBeNull();
    const capped = poolNetwork([4, 4, 2], { outputShape: [2, 2, 2], poolSize: [2, 2], cap: { recordedShape: [2, 2, 1], note: 'first map' } });
    expect(computeMaxPoolGeometry(capped, capped.layers[1]!)).toBeNull();
  });
});
