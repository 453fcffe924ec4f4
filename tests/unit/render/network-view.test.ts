import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataArrayTexture, Texture } from 'three';
import { computeEdges, computeEdgeStrengths } from '../../../src/layout/edges';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import type { EdgeSet } from '../../../src/layout/types';
import { DEFAULT_EDGE_SETTINGS, DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import type { NetworkDescription } from '../../../src/domain/network';
import type { Normalisation } from '../../../src/domain/view-settings';
import { createNetworkView, NetworkViewError } from '../../../src/render/network-view';
import { createResourceTracker } from '../../../src/render/resource-tracker';
import { ActivationDataError } from '../../../src/render/activation-values';
import type { MsdfFontJson } from '../../../src/render/msdf-font';
import { createLargeNetwork, createMnistNetwork, createSnapshot } from './fixtures';

const fontJson = JSON.parse(readFileSync(new URL('../../../assets/generated/fonts/Roboto-msdf.json', import.meta.url), 'utf8')) as MsdfFontJson;

function layoutOf(network: NetworkDescription, collapsed = false) {
  return computeNetworkLayout(network, network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW, collapsed })));
}

function setup() {
  const tracker = createResourceTracker();
  const view = createNetworkView({ tracker, font: { json: fontJson, image: null } });
  const network = createMnistNetwork();
  const epochs = Array.from({ length: 5 }, (_, e) => createSnapshot(network, e));
  view.setNetwork(network);
  const layout = layoutOf(network);
  view.setLayout(layout);
  const edges = computeEdges(network, layout, epochs[0]!.weights, DEFAULT_EDGE_SETTINGS);
  view.setEdges(edges);
  view.setActivations(epochs[0]!, 0, 'layer');
  return { tracker, view, network, epochs, layout, edges };
}

/** Every texture bound to a material in the view. */
function texturesOf(view: ReturnType<typeof createNetworkView>): Set<Texture> {
  const found = new Set<Texture>();
  view.group.traverse((o) => {
    const material = (o as { material?: { uniforms?: Record<string, { value: unknown }> } }).material;
    for (const u of Object.values(material?.uniforms ?? {})) if ((u.value as Texture | null)?.isTexture) found.add(u.value as Texture);
  });
  return found;
}

describe('createNetworkView resources', () => {
  it('creates no GPU resource across 200 epoch switches (probes, normalisations, cross-fades, edge recolouring)', () => {
    const { tracker, view, network, epochs, edges } = setup();
    view.update(1);
    const created = tracker.created;
    const live = tracker.live;
    const textures = texturesOf(view);
    const atlas = view.atlas!.uniforms.uAtlas.value as DataArrayTexture;
    const modes: Normalisation[] = ['map', 'layer', 'network'];
    for (let i = 0; i < 200; i++) {
      const epoch = epochs[i % epochs.length]!;
      const version = atlas.version;
      view.setActivations(epoch, i % 2, modes[i % 3]!, i % 2 ? 'max' : 'mean', true);
      expect(atlas.version).toBeGreaterThan(version);
      const recoloured: EdgeSet[] = edges.map((set) => ({ ...set, strength: computeEdgeStrengths(network, set, epoch.weights) }));
      view.setEdges(recoloured);
      for (let f = 0; f < 3; f++) view.update(0.016);
    }
    expect(tracker.created).toBe(created);
    expect(tracker.live).toBe(live);
    expect(texturesOf(view)).toEqual(textures);
  });

  it('uploads only the written slot: the layer updates name that slot’s pages', () => {
    const { view, epochs } = setup();
    const atlas = view.atlas!;
    const texture = atlas.uniforms.uAtlas.value as DataArrayTexture;
    texture.clearLayerUpdates();
    view.setActivations(epochs[1]!, 0, 'layer', 'mean', true);
    const slot = atlas.uniforms.uCurrentSlot.value;
    expect(atlas.uniforms.uPreviousSlot.value).toBe(1 - slot);
    expect([...texture.layerUpdates]).toEqual(Array.from({ length: atlas.plan.pageCount }, (_, p) => slot * atlas.plan.pageCount + p));
  });

  it('cross-fades from the previous epoch over fadeSeconds, then shows the new values', () => {
    const { view, epochs, network } = setup();
    const atlas = view.atlas!;
    view.setActivations(epochs[2]!, 1, 'map', 'mean', true);
    expect(atlas.uniforms.uFade.value).toBe(0);
    view.update(atlas.fadeSeconds / 2);
    expect(atlas.uniforms.uFade.value).toBeCloseTo(0.5, 5);
    view.update(atlas.fadeSeconds);
    expect(atlas.uniforms.uFade.value).toBe(1);
    const entry = atlas.plan.layers[3]!;
    const data = epochs[2]!.activations[3]![1]!;
    const channels = network.layers[3]!.outputShape[2]!;
    expect(atlas.readValue(entry.firstTile + 7, 4, 2)).toBe(data[(2 * 11 + 4) * channels + 7]);
    view.setActivations(epochs[3]!, 1, 'map');
    expect(atlas.uniforms.uFade.value).toBe(1);
  });

  it('collapsing and expanding layers only rewrites instances', () => {
    const { tracker, view, network } = setup();
    const created = tracker.created;
    const expanded = view.computeStats().byObject['feature-maps']!.instances;
    view.setLayout(layoutOf(network, true));
    const collapsed = view.computeStats().byObject['feature-maps']!.instances;
    expect(collapsed).toBe(5); // one slab per image-like layer
    expect(expanded).toBe(1 + 8 + 8 + 16 + 16);
    view.setLayout(layoutOf(network));
    expect(tracker.created).toBe(created);
  });

  it('returns to the same live resources after another network and back; disposes everything at the end', () => {
    const { tracker, view, network, epochs, layout, edges } = setup();
    const live = tracker.live;
    const byType = tracker.computeLiveByType();
    const large = createLargeNetwork();
    view.setNetwork(large);
    view.setLayout(layoutOf(large));
    view.setActivations(createSnapshot(large, 0, { probes: 1, weights: false }), 0, 'network');
    view.setNetwork(network);
    view.setLayout(layout);
    view.setEdges(edges);
    view.setActivations(epochs[1]!, 0, 'layer');
    expect(tracker.live).toBe(live);
    expect(tracker.computeLiveByType()).toEqual(byType);
    view.dispose();
    expect(tracker.live).toBe(0);
  });
});

describe('createNetworkView drawing', () => {
  it('draws the default network, all layers open, with edges, labels, hover and selection in at most 25 calls per eye', () => {
    const { view } = setup();
    view.setHighlight({ layerId: 3 });
    view.setSelection({ layerId: 3, channel: 2, cell: { row: 4, col: 5 } });
    const stats = view.computeStats();
    expect(Object.keys(stats.byObject).sort()).toEqual(
      ['edges', 'feature-maps', 'labels', 'layer-blocks', 'layer-highlight', 'nodes', 'probability-bars', 'receptive-field'].sort(),
    );
    expect(stats.drawCalls).toBeLessThanOrEqual(25);
    expect(stats.triangles).toBeLessThan(500_000);
    expect(stats.byObject['nodes']!.instances).toBe(64 + 10);
    expect(stats.byObject['probability-bars']!.instances).toBe(10);
    expect(stats.byObject['receptive-field']!.lineSegments).toBeGreaterThan(8);
  });

  it('keeps the large network within 40 draw calls', () => {
    const view = createNetworkView({ font: { json: fontJson, image: null } });
    const large = createLargeNetwork();
    view.setNetwork(large);
    view.setLayout(layoutOf(large));
    const stats = view.computeStats();
    expect(stats.drawCalls).toBeLessThanOrEqual(40);
    expect(stats.byObject['feature-maps']!.instances).toBeGreaterThan(12 * 256);
    view.dispose();
  });

  it('clears the receptive field with the selection and frames the hovered layer', () => {
    const { view, layout } = setup();
    view.setSelection({ layerId: 1, channel: 0, cell: { row: 0, col: 0 } });
    expect(view.computeStats().byObject['receptive-field']).toBeDefined();
    view.setSelection(null);
    expect(view.computeStats().byObject['receptive-field']).toBeUndefined();
    view.setHighlight({ layerId: 6 });
    const box = view.group.getObjectByName('layer-highlight')!;
    expect(box.position.toArray()).toEqual([...layout.layers[6]!.center]);
    view.setHighlight(null);
    expect(box.visible).toBe(false);
  });

  it('picks and answers world points through the view', () => {
    const { view } = setup();
    const p = view.worldPoint({ layerId: 1, channel: 3, cell: { row: 10, col: 11 } })!;
    const hit = view.pick([p[0], p[1], p[2] + 0.01], [0, 0, -1])!;
    expect([hit.layerId, hit.channel, hit.cell]).toEqual([1, 3, { row: 10, col: 11 }]);
  });

  it('refuses calls out of order and bad data with typed errors, leaving the view intact', () => {
    const view = createNetworkView();
    expect(() => view.setLayout(layoutOf(createMnistNetwork()))).toThrow(NetworkViewError);
    const { view: ready, epochs } = setup();
    expect(() => ready.setActivations(epochs[0]!, 5, 'layer')).toThrow(ActivationDataError);
    expect(() => ready.setLayout(layoutOf(createLargeNetwork()))).toThrow(NetworkViewError);
    expect(ready.computeStats().drawCalls).toBeGreaterThan(4);
  });

  it('draws layer and class names with characters the font lacks without throwing', () => {
    const base = createMnistNetwork();
    const network: NetworkDescription = {
      ...base,
      layers: base.layers.map((l, i) => (i === 1 ? { ...l, name: 'conv→1 ×😀 <b>\t' } : l)),
      classNames: base.classNames.map((c, i) => (i === 3 ? '三' : c)),
    };
    const view = createNetworkView({ font: { json: fontJson, image: null } });
    expect(() => view.setNetwork(network)).not.toThrow();
    view.setLayout(layoutOf(network));
    expect(view.computeStats().byObject['labels']!.instances).toBeGreaterThan(20);
  });

  it('grows edge buffers when a larger edge set arrives, replacing (not leaking) them', () => {
    const { tracker, view, edges } = setup();
    const live = tracker.live;
    const created = tracker.created;
    const many: EdgeSet[] = [...edges, ...edges, ...edges, ...edges];
    view.setEdges(many);
    expect(tracker.created).toBeGreaterThan(created);
    expect(tracker.live).toBe(live);
    const total = many.reduce((n, e) => n + e.count, 0);
    expect(view.computeStats().byObject['edges']!.instances).toBe(total);
  });

  it('takes the font late (setFont) and removes labels with setFont(null), freeing their resources', () => {
    const tracker = createResourceTracker();
    const view = createNetworkView({ tracker });
    const network = createMnistNetwork();
    view.setNetwork(network);
    view.setLayout(layoutOf(network));
    expect(view.computeStats().byObject['labels']).toBeUndefined();
    const live = tracker.live;
    view.setFont({ json: fontJson, image: null });
    expect(view.computeStats().byObject['labels']!.instances).toBeGreaterThan(30);
    view.setFont(null);
    expect(view.computeStats().byObject['labels']).toBeUndefined();
    expect(tracker.live).toBe(live);
  });

  it('switches between straight and bundled edges (different control point counts) without new resources', () => {
    const { tracker, view, edges } = setup();
    const bundled: EdgeSet[] = edges.map((set) => {
      const points = new Float32Array(set.count * 16 * 3);
      for (let e = 0; e < set.count; e++) {
        for (let k = 0; k < 16; k++) {
          const t = k / 15;
          for (let a = 0; a < 3; a++) points[(e * 16 + k) * 3 + a] = set.points[e * 6 + a]! * (1 - t) + set.points[e * 6 + 3 + a]! * t;
        }
      }
      return { ...set, pointsPerEdge: 16, points };
    });
    view.setEdges(bundled); // may grow the control-point texture once
    const created = tracker.created;
    for (let i = 0; i < 20; i++) {
      view.setEdges(i % 2 ? bundled : edges);
      const triangles = view.computeStats().byObject['edges']!.triangles;
      const count = edges.reduce((n, e) => n + e.count, 0);
      expect(triangles).toBe(count * 2 * (i % 2 ? 24 : 1));
    }
    expect(tracker.created).toBe(created);
  });
});
