import { describe, expect, it } from 'vitest';
import { DEFAULT_EDGE_SETTINGS, DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import { computeEdgeChoices, computeEdgeSetsFromChoices } from '../../../src/layout/edge-choices';
import { computeEdges } from '../../../src/layout/edges';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { createBranchedNetwork, createMnistNetwork, createWideNetwork, createWeights } from './networks';

describe('computeEdgeChoices + computeEdgeSetsFromChoices', () => {
  for (const [name, network] of [
    ['mnist', createMnistNetwork()],
    ['branched', createBranchedNetwork()],
    ['wide', createWideNetwork()],
  ] as const) {
    it(`equal computeEdges on several layouts with one choice (${name})`, () => {
      const weights = createWeights(network, 5);
      // Every edge only on the small networks (comparing millions of wide-network edges is slow).
      const all = name.startsWith('wide') ? [] : [{ topK: 1e9, threshold: 0 }];
      for (const settings of [DEFAULT_EDGE_SETTINGS, { topK: 2, threshold: 0.5 }, ...all]) {
        const choices = computeEdgeChoices(network, weights, settings);
        const views = [
          network.layers.map(() => DEFAULT_LAYER_VIEW),
          network.layers.map((_, i) => ({ ...DEFAULT_LAYER_VIEW, arrangement: 'circle' as const, collapsed: i % 2 === 1 })),
          network.layers.map((_, i) => ({ ...DEFAULT_LAYER_VIEW, arrangement: 'line' as const, offset: [0, 0.1 * i, 0] as [number, number, number] })),
        ];
        for (const view of views) {
          const layout = computeNetworkLayout(network, view);
          expect(computeEdgeSetsFromChoices(network, layout, choices)).toEqual(computeEdges(network, layout, weights, settings));
        }
      }
    });
  }

  it('rejects a layout of another network', () => {
    const network = createMnistNetwork();
    const choices = computeEdgeChoices(network, createWeights(network, 1), DEFAULT_EDGE_SETTINGS);
    const layout = computeNetworkLayout(network, []);
    expect(() => computeEdgeSetsFromChoices(network, { ...layout, layers: layout.layers.slice(1) }, choices)).toThrow(/layers, network/);
  });
});
