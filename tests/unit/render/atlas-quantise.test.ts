import { describe, expect, it } from 'vitest';
import type { NetworkDescription } from '../../../src/domain/network';
import { ATLAS_LEVELS, computeAtlasSlot, computeQuantisedSlot, computeSlotLength } from '../../../src/render/activation-values';
import { computeAtlasPlan } from '../../../src/render/atlas-plan';
import { createLargeNetwork, createMnistNetwork, createSnapshot } from './fixtures';

/** Fills and quantises one slot; returns what the shader would read back (mix(min, max, code / 255)) next to the floats. */
function quantise(network: NetworkDescription, pageSize: number) {
  const plan = computeAtlasPlan(network, pageSize);
  const snapshot = createSnapshot(network, 2, { probes: 1 });
  const slot = new Float32Array(computeSlotLength(plan));
  const ranges = new Float32Array(plan.tiles.length * 2);
  computeAtlasSlot(plan, snapshot, 0, 'mean', slot, ranges);
  const codes = new Uint8ClampedArray(slot.length);
  computeQuantisedSlot(plan, slot, ranges, codes);
  return { plan, slot, ranges, codes };
}

describe('computeQuantisedSlot', () => {
  for (const [name, network, pageSize] of [
    ['mnist, several pages', createMnistNetwork(), 64],
    ['large, RGB input', createLargeNetwork(), 2048],
  ] as const) {
    it(`every tile texel reads back within half an 8-bit step of its tile's range, ends exact (${name})`, () => {
      const { plan, slot, ranges, codes } = quantise(network, pageSize);
      const side = plan.pageSize;
      let checked = 0;
      let tooFar = 0;
      let worst = 0;
      for (const layer of plan.layers) {
        if (layer.kind === 'none') continue;
        const count = layer.kind === 'maps' ? layer.channels + 1 : 1;
        for (let t = layer.firstTile; t < layer.firstTile + count; t++) {
          const tile = plan.tiles[t]!;
          const width = layer.rgb && t === layer.firstTile + layer.channels ? tile.width * 3 : tile.width;
          const min = ranges[t * 2]!;
          const max = ranges[t * 2 + 1]!;
          let sawMin = false;
          let sawMax = false;
          const rows = layer.kind === 'vector' ? Math.ceil(layer.channels / tile.width) : tile.height;
          for (let row = 0; row < rows; row++) {
            for (let col = 0; col < width; col++) {
              if (layer.kind === 'vector' && row * tile.width + col >= layer.channels) break;
              const i = tile.page * side * side + (tile.y + row) * side + tile.x + col;
              const v = slot[i]!;
              const back = min + (max - min) * (codes[i]! / ATLAS_LEVELS);
              const step = (max - min) / ATLAS_LEVELS;
              if (Math.abs(back - v) > step / 2 + 1e-6 * Math.max(1, Math.abs(v))) tooFar++;
              if (step > 0) worst = Math.max(worst, Math.abs(back - v) / step);
              if (v === min) sawMin = codes[i] === 0;
              if (v === max && max > min) sawMax = codes[i] === ATLAS_LEVELS;
              checked++;
            }
          }
          expect(sawMin).toBe(true);
          if (max > min) expect(sawMax).toBe(true);
        }
      }
      expect(tooFar).toBe(0);
      expect(checked).toBeGreaterThan(1000);
      // Rounding, not truncation: the worst error approaches but never exceeds half a step.
      expect(worst).toBeGreaterThan(0.4);
      expect(worst).toBeLessThanOrEqual(0.5 + 1e-3);
    });
  }

  it('a constant tile becomes code 0 and reads back exactly', () => {
    const network = createMnistNetwork();
    const plan = computeAtlasPlan(network, 64);
    const slot = new Float32Array(computeSlotLength(plan)).fill(0.25);
    const ranges = new Float32Array(plan.tiles.length * 2).fill(0.25);
    const codes = new Uint8ClampedArray(slot.length).fill(7);
    computeQuantisedSlot(plan, slot, ranges, codes);
    const tile = plan.tiles[plan.layers[1]!.firstTile]!;
    expect(codes[tile.page * 64 * 64 + tile.y * 64 + tile.x]).toBe(0);
  });
});
