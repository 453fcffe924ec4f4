import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/app/store';
import { computeNetworkSummary, createRecordingHolder } from '../../../src/app/recording-holder';
import type { EpochSnapshot, Recording } from '../../../src/domain/recording';
import { computeEdgeEndpoints } from '../../../src/layout/bundle-edges';
import type { BundlingClient } from '../../../src/layout/bundling-client';
import { computeEdges, computeEdgeStrengths } from '../../../src/layout/edges';
import type { EdgeSet } from '../../../src/layout/types';
import { createNetworkScene } from '../../../src/network-scene';
import type { NetworkView } from '../../../src/render/network-view';
import { createMnistNetwork, createWeights } from '../layout/networks';

const network = createMnistNetwork();
const snapshot = (n: number): EpochSnapshot => ({
  epoch: n,
  metrics: { trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5, samplesSeen: n },
  weights: createWeights(network, 11 + n),
  activations: network.layers.map(() => []),
  predictions: [],
});
const recording: Recording = {
  network,
  dataset: { name: 'd', trainSize: 1, testSize: 1, samplesPerEpoch: 1 },
  probes: { inputShape: [28, 28, 1], inputs: [new Float32Array(784)], labels: [0], normalisation: '0..1' },
  epochs: [snapshot(0), snapshot(1), snapshot(2)],
};

/** A view that records the edges it is given, and a bundling client that subdivides edges into 4 points (counting requests). */
function setup() {
  const drawn: (readonly EdgeSet[])[] = [];
  const view = {
    setNetwork() {},
    setLayout() {},
    setActivations() {},
    setEdges(sets: readonly EdgeSet[]) {
      drawn.push(sets);
    },
    setHighlight() {},
    setSelection() {},
    update() {},
  } as unknown as NetworkView;
  let requests = 0;
  const bundling: BundlingClient = {
    inWorker: false,
    dispose() {},
    bundle(endpoints: Float32Array, count: number) {
      requests++;
      const points = new Float32Array(count * 4 * 3);
      for (let e = 0; e < count; e++) {
        for (let p = 0; p < 4; p++) for (let a = 0; a < 3; a++) points[(e * 4 + p) * 3 + a] = endpoints[e * 6 + a]! + ((endpoints[e * 6 + 3 + a]! - endpoints[e * 6 + a]!) * p) / 3;
      }
      return Promise.resolve(points);
    },
  };
  const store = createAppStore();
  const holder = createRecordingHolder();
  const scene = createNetworkScene(view, store, holder, bundling);
  holder.replace(recording);
  store.dispatch({ type: 'network-loaded', network: computeNetworkSummary(recording, 'test'), epochCount: 3, sampleCount: 1 });
  return { scene, store, drawn, requests: () => requests };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const weighted = (sets: readonly EdgeSet[]) => sets.filter((s) => s.connection === 'weighted' && s.count > 1);

describe('network scene edges across epoch switches', () => {
  it('keeps the newest epoch’s selection, recolours it per epoch and reuses the bundles at once', async () => {
    const { scene, store, drawn, requests } = setup();
    scene.update(0.016);
    await settle();
    const bundledRequests = requests();
    expect(bundledRequests).toBeGreaterThan(0);
    const first = drawn[drawn.length - 1]!;
    expect(weighted(first).every((s) => s.pointsPerEdge === 4)).toBe(true);

    store.dispatch({ type: 'set-epoch', epoch: 0 });
    scene.update(0.016);
    const switched = drawn[drawn.length - 1]!;
    // Bundled immediately (no straight frame, no new bundling request), recoloured by epoch 0.
    expect(drawn.length).toBe(drawn.indexOf(first) + 2);
    expect(requests()).toBe(bundledRequests);
    const expected = computeEdges(network, scene.layout!, recording.epochs[0]!.weights, store.getState().edges, recording.epochs[2]!.weights);
    expect(switched.length).toBe(expected.length);
    switched.forEach((set, i) => {
      expect(set.sourceIndex).toEqual(expected[i]!.sourceIndex);
      expect(set.targetIndex).toEqual(expected[i]!.targetIndex);
      expect(set.pointsPerEdge).toBe(first[i]!.pointsPerEdge);
      expect(set.points).toBe(first[i]!.points);
      for (let e = 0; e < set.count; e++) expect(set.strength[e]).toBeCloseTo(expected[i]!.strength[e]!, 6);
      expect(computeEdgeEndpoints(set)).toEqual(computeEdgeEndpoints(expected[i]!));
    });
    expect(weighted(switched).some((s, i) => s.strength !== weighted(first)[i]!.strength)).toBe(true);

    // Back to the newest epoch: its colours again, still the same bundles.
    store.dispatch({ type: 'set-epoch', epoch: 2 });
    scene.update(0.016);
    const back = drawn[drawn.length - 1]!;
    back.forEach((set, i) => {
      expect(set.points).toBe(first[i]!.points);
      expect(set.strength).toEqual(computeEdgeStrengths(network, set, recording.epochs[2]!.weights));
    });
    await settle();
    expect(requests()).toBe(bundledRequests);
  });

  it('a new top-k chooses new edges and bundles them', async () => {
    const { scene, store, drawn, requests } = setup();
    scene.update(0.016);
    await settle();
    const before = requests();
    const count = drawn[drawn.length - 1]!.reduce((n, s) => n + s.count, 0);
    store.dispatch({ type: 'set-edge-settings', edges: { topK: 3 } });
    scene.update(0.016);
    const straight = drawn[drawn.length - 1]!;
    expect(straight.reduce((n, s) => n + s.count, 0)).toBeLessThan(count);
    expect(straight.every((s) => s.pointsPerEdge === 2)).toBe(true);
    await settle();
    expect(requests()).toBeGreaterThan(before);
    expect(weighted(drawn[drawn.length - 1]!).every((s) => s.pointsPerEdge === 4)).toBe(true);
  });
});
