import { describe, expect, it } from 'vitest';
import { computeAtlasPlan } from '../../../src/render/atlas-plan';
import {
  ActivationDataError,
  computeAtlasSlot,
  computeNormalisedRanges,
  computeSlotLength,
  validateActivations,
} from '../../../src/render/activation-values';
import type { AtlasPlan } from '../../../src/render/atlas-plan';
import type { NetworkDescription } from '../../../src/domain/network';
import { createMnistNetwork, createSnapshot } from './fixtures';

function texel(plan: AtlasPlan, slot: Float32Array, tileIndex: number, col: number, row: number): number {
  const t = plan.tiles[tileIndex]!;
  return slot[t.page * plan.pageSize ** 2 + (t.y + row) * plan.pageSize + t.x + col]!;
}

function fill(network: NetworkDescription, probe = 1, aggregate: 'mean' | 'max' | ('mean' | 'max')[] = 'mean') {
  const plan = computeAtlasPlan(network, 64); // several pages: page offsets are exercised
  const snapshot = createSnapshot(network, 3);
  const slot = new Float32Array(computeSlotLength(plan));
  const ranges = new Float32Array(plan.tiles.length * 2);
  computeAtlasSlot(plan, snapshot, probe, aggregate, slot, ranges);
  return { plan, snapshot, slot, ranges };
}

describe('computeAtlasSlot', () => {
  it('puts every HWC value of every channel at its tile texel (row 0 = top row)', () => {
    const network = createMnistNetwork();
    const { plan, snapshot, slot } = fill(network);
    for (const layerId of [0, 1, 2, 3, 4]) {
      const entry = plan.layers[layerId]!;
      const data = snapshot.activations[layerId]![1]!;
      for (let row = 0; row < entry.height; row++) {
        for (let col = 0; col < entry.width; col++) {
          for (let ch = 0; ch < entry.channels; ch++) {
            expect(texel(plan, slot, entry.firstTile + ch, col, row)).toBe(data[(row * entry.width + col) * entry.channels + ch]);
          }
        }
      }
    }
  });

  it('writes the mean or the max over channels into the aggregate tile, chosen per layer', () => {
    const network = createMnistNetwork();
    const { plan, snapshot, slot } = fill(network, 0, ['mean', 'max', 'mean', 'mean']);
    for (const [layerId, kind] of [[1, 'max'], [3, 'mean']] as const) {
      const entry = plan.layers[layerId]!;
      const data = snapshot.activations[layerId]![0]!;
      for (const [row, col] of [[0, 0], [4, 7], [entry.height - 1, entry.width - 1]] as const) {
        const values = Array.from({ length: entry.channels }, (_, ch) => data[(row * entry.width + col) * entry.channels + ch]!);
        const expected = kind === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
        expect(texel(plan, slot, entry.firstTile + entry.channels, col, row)).toBeCloseTo(expected, 6);
      }
    }
  });

  it('wraps vector layers into their strip and records raw per-tile ranges', () => {
    const network = createMnistNetwork();
    const { plan, snapshot, slot, ranges } = fill(network);
    const entry = plan.layers[6]!;
    const tile = plan.tiles[entry.firstTile]!;
    const data = snapshot.activations[6]![1]!;
    for (const unit of [0, 17, 63]) expect(texel(plan, slot, entry.firstTile, unit % tile.width, Math.floor(unit / tile.width))).toBe(data[unit]);
    expect(ranges[entry.firstTile * 2]).toBe(Math.min(...data));
    expect(ranges[entry.firstTile * 2 + 1]).toBe(Math.max(...data));
    const conv2 = plan.layers[3]!;
    const ch5 = Array.from({ length: 121 }, (_, i) => snapshot.activations[3]![1]![i * 16 + 5]!);
    expect(ranges[(conv2.firstTile + 5) * 2 + 1]).toBe(Math.max(...ch5));
  });

  it('stores an RGB input as three planes side by side in its aggregate tile', () => {
    const network: NetworkDescription = {
      name: 'rgb',
      classNames: [],
      layers: [{ id: 0, name: 'input', kind: 'input', className: 'InputLayer', inputs: [], outputShape: [4, 5, 3], weights: [] }],
    };
    const { plan, snapshot, slot } = fill(network, 0);
    const entry = plan.layers[0]!;
    expect(entry.rgb).toBe(true);
    const data = snapshot.activations[0]![0]!;
    const agg = entry.firstTile + 3;
    for (let ch = 0; ch < 3; ch++) expect(texel(plan, slot, agg, ch * 5 + 2, 3)).toBe(data[(3 * 5 + 2) * 3 + ch]);
  });

  it('shows a layer without recorded activations as zeros', () => {
    const network = createMnistNetwork();
    const plan = computeAtlasPlan(network);
    const snapshot = createSnapshot(network, 0);
    const missing = { ...snapshot, activations: snapshot.activations.map((a, i) => (i === 3 ? [] : a)) };
    const slot = new Float32Array(computeSlotLength(plan)).fill(7);
    const ranges = new Float32Array(plan.tiles.length * 2);
    computeAtlasSlot(plan, missing, 0, 'mean', slot, ranges);
    expect(texel(plan, slot, plan.layers[3]!.firstTile + 2, 3, 3)).toBe(0);
    expect([ranges[plan.layers[3]!.firstTile * 2], ranges[plan.layers[3]!.firstTile * 2 + 1]]).toEqual([0, 0]);
  });
});

describe('validateActivations', () => {
  it('rejects a wrong activation length and a probe that was not recorded, naming them', () => {
    const network = createMnistNetwork();
    const plan = computeAtlasPlan(network);
    const snapshot = createSnapshot(network, 0);
    expect(() => validateActivations(plan, snapshot, 1)).not.toThrow();
    expect(() => validateActivations(plan, snapshot, 2)).toThrow(/probe 2 does not exist/);
    const broken = { ...snapshot, activations: snapshot.activations.map((a, i) => (i === 1 ? [new Float32Array(5)] : a)) };
    expect(() => validateActivations(plan, broken, 0)).toThrow(ActivationDataError);
  });
});

describe('computeNormalisedRanges', () => {
  const network = createMnistNetwork();
  const { plan, ranges } = fill(network);
  const out = new Float32Array(ranges.length);
  const conv1 = plan.layers[1]!;
  const conv2 = plan.layers[3]!;

  it("'map' uses each map's own range", () => {
    computeNormalisedRanges(plan, network, ranges, 'map', out);
    for (let c = 0; c <= conv1.channels; c++) {
      const t = conv1.firstTile + c;
      expect([out[t * 2], out[t * 2 + 1]]).toEqual([ranges[t * 2], ranges[t * 2 + 1]]);
    }
  });

  it("'layer' uses the range over the layer's maps, the same for all of them", () => {
    computeNormalisedRanges(plan, network, ranges, 'layer', out);
    let max = -Infinity;
    for (let c = 0; c < conv2.channels; c++) max = Math.max(max, ranges[(conv2.firstTile + c) * 2 + 1]!);
    for (let c = 0; c <= conv2.channels; c++) expect(out[(conv2.firstTile + c) * 2 + 1]).toBe(max);
  });

  it("'network' shares one range over hidden layers; the input image and softmax keep their own", () => {
    computeNormalisedRanges(plan, network, ranges, 'network', out);
    const hidden = [1, 2, 3, 4, 5, 6].map((id) => plan.layers[id]!.firstTile);
    const first = [out[hidden[0]! * 2], out[hidden[0]! * 2 + 1]];
    for (const t of hidden) expect([out[t * 2], out[t * 2 + 1]]).toEqual(first);
    const input = plan.layers[0]!.firstTile;
    expect([out[input * 2], out[input * 2 + 1]]).toEqual([ranges[input * 2], ranges[input * 2 + 1]]);
    const softmax = plan.layers[7]!.firstTile;
    expect(out[softmax * 2 + 1]).toBeLessThanOrEqual(1);
    expect(out[softmax * 2 + 1]).toBe(ranges[softmax * 2 + 1]);
    expect(first[1]).toBeGreaterThan(out[softmax * 2 + 1]!);
  });
});
