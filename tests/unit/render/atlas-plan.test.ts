import { describe, expect, it } from 'vitest';
import { AtlasPlanError, computeAtlasPlan, computeVectorTexel } from '../../../src/render/atlas-plan';
import type { AtlasPlan } from '../../../src/render/atlas-plan';
import { createLargeNetwork, createMnistNetwork } from './fixtures';

/** Reserved width of a tile (the RGB aggregate reserves three planes). */
function reserved(plan: AtlasPlan, index: number): number {
  const layer = plan.layers.find((l) => l.kind === 'maps' && l.rgb && l.firstTile + l.channels === index);
  return plan.tiles[index]!.width * (layer ? 3 : 1);
}

function expectNoOverlap(plan: AtlasPlan): void {
  const tiles = plan.tiles;
  for (let i = 0; i < tiles.length; i++) {
    const a = tiles[i]!;
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.y).toBeGreaterThanOrEqual(0);
    expect(a.x + reserved(plan, i)).toBeLessThanOrEqual(plan.pageSize);
    expect(a.y + a.height).toBeLessThanOrEqual(plan.pageSize);
    expect(a.page).toBeLessThan(plan.pageCount);
    for (let j = i + 1; j < tiles.length; j++) {
      const b = tiles[j]!;
      if (a.page !== b.page) continue;
      const apart = a.x + reserved(plan, i) <= b.x || b.x + reserved(plan, j) <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      if (!apart) throw new Error(`tiles ${i} and ${j} overlap`);
    }
  }
}

describe('computeAtlasPlan', () => {
  it('gives the MNIST network one tile per channel plus an aggregate per image layer, and one strip per vector layer', () => {
    const plan = computeAtlasPlan(createMnistNetwork());
    const kinds = plan.layers.map((l) => l.kind);
    expect(kinds).toEqual(['maps', 'maps', 'maps', 'maps', 'maps', 'vector', 'vector', 'vector']);
    expect(plan.tiles.length).toBe(2 + 9 + 9 + 17 + 17 + 3);
    const conv1 = plan.layers[1]!;
    expect([conv1.height, conv1.width, conv1.channels]).toEqual([26, 26, 8]);
    expect(plan.tiles[conv1.firstTile]!.width).toBe(26);
    const flatten = plan.layers[5]!;
    expect(flatten.channels).toBe(400);
    expect(plan.pageCount).toBe(1);
    expect(plan.pageSize).toBeLessThanOrEqual(256);
    expectNoOverlap(plan);
  });

  it('packs the large network without overlap into pages WebGL2 guarantees', () => {
    const plan = computeAtlasPlan(createLargeNetwork());
    expect(plan.pageSize).toBeLessThanOrEqual(2048);
    expect(plan.layers[0]!.rgb).toBe(true);
    expect(plan.usedTexels).toBeLessThanOrEqual(plan.pageCount * plan.pageSize ** 2);
    expectNoOverlap(plan);
  });

  it('opens more pages when the page size is small, still without overlap', () => {
    const plan = computeAtlasPlan(createMnistNetwork(), 64);
    expect(plan.pageCount).toBeGreaterThan(1);
    expectNoOverlap(plan);
  });

  it('is deterministic', () => {
    expect(computeAtlasPlan(createLargeNetwork())).toEqual(computeAtlasPlan(createLargeNetwork()));
  });

  it('wraps a vector strip into rows of the tile width', () => {
    const plan = computeAtlasPlan(createMnistNetwork(), 128);
    const flatten = plan.tiles[plan.layers[5]!.firstTile]!;
    expect(flatten.width).toBe(128);
    expect(flatten.height).toBe(4);
    expect(computeVectorTexel(flatten, 130)).toEqual({ x: flatten.x + 2, y: flatten.y + 1 });
  });

  it('refuses a map wider than a page with a typed error', () => {
    expect(() => computeAtlasPlan(createMnistNetwork(), 16)).toThrow(AtlasPlanError);
  });
});
