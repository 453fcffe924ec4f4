/**
 * Applies app state and the recording to the network view: layout (animated), activations, edges
 * (straight at once, bundled from the worker when ready; an epoch switch recolours the same edges and
 * their cached bundles), highlight and selection. Runs in the
 * frame loop's 'layout' phase; everything it reads is app state or the recording holder, everything
 * it writes goes through the render view's setters.
 */
import type * as THREE from 'three';
import type { AppState } from './app/state';
import type { AppStore } from './app/store';
import type { RecordingHolder } from './app/recording-holder';
import type { NetworkDescription } from './domain/network';
import type { LayerViewSettings } from './domain/view-settings';
import type { EpochSnapshot } from './domain/recording';
import { computeNetworkLayout } from './layout/network-layout';
import { computeLayoutMorph } from './layout/morph';
import { computeRecolouredEdges } from './layout/edges';
import type { EdgeChoice } from './layout/edge-choices';
import { computeEdgeChoices, computeEdgeSetsFromChoices } from './layout/edge-choices';
import { computeEdgeEndpoints, computeBundledEdgeSet } from './layout/bundle-edges';
import type { BundlingClient } from './layout/bundling-client';
import type { EdgeSet, NetworkLayout } from './layout/types';
import type { NetworkView } from './render/network-view';

/** Seconds a collapse/expand or arrangement change takes. */
const MORPH_SECONDS = 0.45;
/** While a layer is being dragged, bundle only after it rests this long. */
const BUNDLE_DEBOUNCE_SECONDS = 0.2;

export interface NetworkScene {
  /** Per frame, 'layout' phase. */
  update(dt: number): void;
  /** The layout as drawn this frame (mid-animation included). */
  readonly layout: NetworkLayout | null;
  readonly network: NetworkDescription | null;
  /**
   * Network-space endpoints (n * 3) of the drawn edges that touch a layer, at the end on that layer:
   * lets tests check that edges follow a moved layer.
   */
  edgeEnds(layerId: number): Float32Array;
  /** Called with an error message when edges cannot be bundled (shown to the user once). */
  onError?: (message: string) => void;
}

export function createNetworkScene(view: NetworkView, store: AppStore, holder: RecordingHolder, bundling: BundlingClient): NetworkScene {
  let network: NetworkDescription | null = null;
  let shown: NetworkLayout | null = null;
  let morphFrom: NetworkLayout | null = null;
  let target: NetworkLayout | null = null;
  let morphT = 1;
  let appliedViews: readonly LayerViewSettings[] | null = null;
  let appliedActivations: { epoch: number; sample: number; normalisation: string; aggregates: string; count: number } | null = null;
  let edgesDirty = true;
  let bundleWait = 0;
  let appliedHover: number | null = null;
  let appliedSelection: AppState['selection'] | undefined;
  let appliedEdgeSettings: AppState['edges'] | null = null;
  let appliedEpochForEdges = -1;
  let lastStraight: EdgeSet[] = [];
  // The edges chosen by the newest epoch's weights for one layout and top-k/threshold: an epoch
  // switch only recolours them (and their bundles, which depend on geometry alone).
  let choice: EdgeChoiceCache | null = null;
  let selection: EdgeSelection | null = null;
  let bundled: { selection: EdgeSet[]; strength: number; sets: EdgeSet[] } | null = null;
  let aggregatesFor: readonly LayerViewSettings[] | null = null;
  let aggregateList: LayerViewSettings['aggregate'][] = [];
  let aggregates = '';

  const scene: NetworkScene = {
    get layout() {
      return shown;
    },
    get network() {
      return network;
    },
    update,
    edgeEnds(layerId) {
      const ends: number[] = [];
      for (const set of lastStraight) {
        const last = set.pointsPerEdge - 1;
        for (let e = 0; e < set.count; e++) {
          if (set.sourceLayer === layerId) ends.push(...set.points.subarray(e * set.pointsPerEdge * 3, e * set.pointsPerEdge * 3 + 3));
          if (set.targetLayer === layerId) ends.push(...set.points.subarray((e * set.pointsPerEdge + last) * 3, (e * set.pointsPerEdge + last) * 3 + 3));
        }
      }
      return new Float32Array(ends);
    },
  };

  holder.onChange((recording, change) => {
    if (change === 'replaced') {
      network = recording.network;
      view.setNetwork(network);
      shown = target = morphFrom = null;
      appliedViews = null;
      appliedActivations = null;
      appliedHover = null;
      appliedSelection = undefined;
      choice = null;
      selection = bundled = null;
      edgesDirty = true;
    }
  });

  function update(dt: number): void {
    const recording = holder.current;
    const state = store.getState();
    if (!recording || !network || state.layerViews.length !== network.layers.length) return;

    // Layout: a new target whenever the per-layer views change; animate towards it.
    if (state.layerViews !== appliedViews) {
      const next = computeNetworkLayout(network, state.layerViews);
      const dragging = appliedViews !== null && onlyOffsetsChanged(appliedViews, state.layerViews);
      morphFrom = shown && !dragging ? shown : null;
      target = next;
      morphT = morphFrom ? 0 : 1;
      appliedViews = state.layerViews;
      edgesDirty = true;
      bundleWait = dragging ? BUNDLE_DEBOUNCE_SECONDS : 0;
      if (!morphFrom) {
        shown = next;
        view.setLayout(shown);
      }
    }
    if (morphFrom && target) {
      morphT = Math.min(1, morphT + dt / MORPH_SECONDS);
      // Ease in-out so maps do not start or stop abruptly.
      const eased = morphT * morphT * (3 - 2 * morphT);
      shown = computeLayoutMorph(morphFrom, target, eased);
      view.setLayout(shown);
      if (morphT >= 1) {
        morphFrom = null;
        shown = target;
        edgesDirty = true;
      }
    }
    if (!shown) return;

    // Activations: texture uploads only when epoch, sample, normalisation or aggregates change.
    const epoch = holder.epoch(state.epoch);
    // Derived only when the views change: nothing is allocated on an idle frame.
    if (state.layerViews !== aggregatesFor) {
      aggregatesFor = state.layerViews;
      aggregateList = state.layerViews.map((v) => v.aggregate);
      aggregates = aggregateList.join();
    }
    if (
      epoch &&
      (!appliedActivations ||
        appliedActivations.epoch !== state.epoch ||
        appliedActivations.sample !== state.sample ||
        appliedActivations.normalisation !== state.normalisation ||
        appliedActivations.aggregates !== aggregates ||
        appliedActivations.count !== recording.epochs.length)
    ) {
      const crossFade = appliedActivations !== null && appliedActivations.sample === state.sample && appliedActivations.epoch !== state.epoch;
      view.setActivations(epoch, state.sample, state.normalisation, aggregateList, crossFade);
      appliedActivations = { epoch: state.epoch, sample: state.sample, normalisation: state.normalisation, aggregates, count: recording.epochs.length };
    }

    // Edges follow the layout (after a morph, or every frame while a layer is dragged) and the weights.
    if (state.edges !== appliedEdgeSettings || state.epoch !== appliedEpochForEdges) edgesDirty = true;
    if (edgesDirty && epoch && !morphFrom) {
      // Edges are chosen by the newest epoch's weights and coloured by this epoch's: the same edges
      // stay drawn while scrubbing, so the selection and its bundles are reused and only recoloured.
      const newest = recording.epochs[recording.epochs.length - 1] ?? epoch;
      const { topK, threshold } = state.edges;
      // Which edges: a pass over every weight, redone only for new weights or settings; where they
      // are drawn: redone for each layout (a morph's end, a dragged layer).
      if (!choice || choice.weights !== newest.weights || choice.topK !== topK || choice.threshold !== threshold) {
        choice = { weights: newest.weights, topK, threshold, choices: computeEdgeChoices(network, newest.weights, state.edges) };
      }
      if (!selection || selection.layout !== shown || selection.choices !== choice.choices) {
        selection = { layout: shown, choices: choice.choices, sets: computeEdgeSetsFromChoices(network, shown, choice.choices), byEpoch: new Map() };
        bundled = null;
      }
      // Recolouring reads every weight of the epoch (each set's largest |weight| normalises it), so
      // each epoch's colours are kept for this selection: scrubbing back costs nothing.
      let recoloured = selection.byEpoch.get(epoch.weights);
      if (!recoloured) {
        recoloured = computeRecolouredEdges(network, selection.sets, epoch.weights === newest.weights ? null : epoch.weights);
        selection.byEpoch.set(epoch.weights, recoloured);
      }
      lastStraight = recoloured;
      const strength = state.edges.bundling;
      const reuse = bundled && bundled.selection === selection.sets && bundled.strength === strength ? bundled : null;
      view.setEdges(reuse ? computeRecolouredEdges(network, reuse.sets, null, lastStraight) : lastStraight);
      appliedEdgeSettings = state.edges;
      appliedEpochForEdges = state.epoch;
      edgesDirty = false;
      if (reuse) bundleWait = 0;
      else if (bundleWait <= 0) requestBundles(selection.sets, strength);
    } else if (bundleWait > 0) {
      bundleWait -= dt;
      if (bundleWait <= 0 && selection) requestBundles(selection.sets, state.edges.bundling);
    }

    view.update(dt);

    if (state.hoveredLayer !== appliedHover) {
      view.setHighlight(state.hoveredLayer === null ? null : { layerId: state.hoveredLayer });
      appliedHover = state.hoveredLayer;
    }
    if (state.selection !== appliedSelection) {
      const s = state.selection;
      view.setSelection(s ? { layerId: s.layerId, channel: s.channel, cell: s.row >= 0 ? { row: s.row, col: s.col } : null } : null);
      appliedSelection = s;
    }
  }

  /** Bundles `chosen` (a selection's straight sets) in the worker; applies them, recoloured as drawn now, if still current. */
  function requestBundles(chosen: EdgeSet[], strength: number): void {
    if (strength <= 0 || chosen.length === 0) return;
    Promise.all(
      // One-to-one links (pooling, merges) stay straight: bundling them would draw stars.
      chosen.map((set) =>
        set.count > 1 && set.connection !== 'one-to-one' ? bundling.bundle(computeEdgeEndpoints(set), set.count) : Promise.resolve(null),
      ),
    )
      .then((bundles) => {
        // The edges or the strength changed meanwhile (epoch switches keep the selection).
        if (!network || selection?.sets !== chosen || store.getState().edges.bundling !== strength) return;
        const sets = chosen.map((set, i) => {
          const points = bundles[i];
          return points ? computeBundledEdgeSet(set, points, points.length / (set.count * 3), strength) : set;
        });
        bundled = { selection: chosen, strength, sets };
        view.setEdges(computeRecolouredEdges(network, sets, null, lastStraight));
      })
      .catch((error: unknown) => scene.onError?.(`Edge bundling failed, showing straight edges: ${error instanceof Error ? error.message : String(error)}`));
  }

  return scene;
}

interface EdgeChoiceCache {
  readonly weights: EpochSnapshot['weights'];
  readonly topK: number;
  readonly threshold: number;
  readonly choices: EdgeChoice[];
}

interface EdgeSelection {
  readonly layout: NetworkLayout;
  readonly choices: EdgeChoice[];
  /** Straight edges on `layout`, coloured by the choosing weights. */
  readonly sets: EdgeSet[];
  /** The same sets recoloured by each epoch's weights shown so far (a few kB per epoch). */
  readonly byEpoch: Map<EpochSnapshot['weights'], EdgeSet[]>;
}

function onlyOffsetsChanged(a: readonly LayerViewSettings[], b: readonly LayerViewSettings[]): boolean {
  if (a.length !== b.length) return false;
  let offsetChanged = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.collapsed !== y.collapsed || x.arrangement !== y.arrangement) return false;
    if (x.offset !== y.offset) offsetChanged = true;
  }
  return offsetChanged;
}

/** Network-space point -> world, through the placement group. */
export function computeWorldFromNetwork(placement: THREE.Object3D, p: readonly [number, number, number], out: THREE.Vector3): THREE.Vector3 {
  return out.set(p[0], p[1], p[2]).applyMatrix4(placement.matrixWorld);
}
