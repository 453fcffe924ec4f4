/**
 * The network in 3D as a handful of instanced draws, whatever its size: feature maps, nodes,
 * probability bars, blocks, edges, labels, receptive-field lines and the hover outline. Owns every
 * GPU resource it creates and nothing else; gets network, layout, snapshots and edges as arguments.
 */
import { Group, Vector4 } from 'three';
import type { NetworkDescription } from '../domain/network';
import type { EpochSnapshot } from '../domain/recording';
import type { Normalisation } from '../domain/view-settings';
import { computeConsumers, computeIsOutputLayer } from '../layout/layer-style';
import { computeReceptiveField } from '../layout/receptive-field';
import type { ReceptiveField } from '../layout/receptive-field';
import type { EdgeSet, NetworkLayout } from '../layout/types';
import type { ActivationAtlas } from './activation-atlas';
import { createActivationAtlas } from './activation-atlas';
import type { AggregateChoice } from './activation-values';
import { computeAtlasPlan } from './atlas-plan';
import type { BarMesh } from './bar-mesh';
import { createBarMesh } from './bar-mesh';
import type { BlockMesh } from './block-mesh';
import { createBlockMesh } from './block-mesh';
import { createEdgeMesh } from './edge-mesh';
import type { EdgeBlending } from './edge-mesh';
import type { FeatureMapMesh } from './feature-map-mesh';
import { createFeatureMapMesh } from './feature-map-mesh';
import { createHighlightBox } from './highlight-box';
import type { LabelMesh, LabelSpec, MsdfFontSource } from './label-mesh';
import { createLabelMesh } from './label-mesh';
import type { NodeMesh } from './node-mesh';
import { createNodeMesh } from './node-mesh';
import type { OutputDecor } from './output-decor';
import { computeOutputDecor, createOutputDecor } from './output-decor';
import type { PickResult } from './pick/pick-result';
import { computePick } from './pick/pick-network';
import type { WorldPointTarget } from './pick/world-point';
import { computeWorldPoint } from './pick/world-point';
import type { RenderStats } from './render-stats';
import { computeRenderStats } from './render-stats';
import type { ResourceTracker } from './resource-tracker';
import { createResourceTracker } from './resource-tracker';
import { createSelectionLines } from './selection-lines';

export interface NetworkViewOptions {
  /** The MSDF font; without it no labels are drawn. */
  readonly font?: MsdfFontSource | null;
  /** Counts created/disposed GPU resources (tests); one is created when omitted. */
  readonly tracker?: ResourceTracker;
  /** Edge ribbon width, metres (network space); default 0.003. */
  readonly edgeWidth?: number;
  /** Peak edge opacity (|strength| = 1); default 0.3 (additive: overlapping edges add up). */
  readonly edgeOpacity?: number;
  /** How overlapping edges combine: 'additive' (default) or 'max' (see edge-mesh.ts). */
  readonly edgeBlending?: EdgeBlending;
  /** Line height of layer labels, metres; default 0.045. */
  readonly labelSize?: number;
  /** Seconds an epoch cross-fade takes; 0 switches instantly. Default 0.35. */
  readonly crossFadeSeconds?: number;
}

export interface ViewHighlight {
  readonly layerId: number;
  /** A map channel or node unit; omitted: the whole layer. */
  readonly channel?: number;
  readonly cell?: { readonly row: number; readonly col: number } | null;
}

export interface ViewSelection {
  readonly layerId: number;
  /** Map channel (or node unit). */
  readonly channel: number;
  /** The selected cell of a map; null for a node. */
  readonly cell: { readonly row: number; readonly col: number } | null;
}

export class NetworkViewError extends Error {
  override readonly name = 'NetworkViewError';
}

export interface NetworkView {
  /** Network space; put it under the placement group. */
  readonly group: Group;
  readonly tracker: ResourceTracker;
  /** Allocates the per-network resources (disposing the previous network's) and lays out labels. */
  setNetwork(network: NetworkDescription): void;
  /** Writes instance attributes only; never allocates GPU resources. Call whenever the layout changes (every frame while it animates). */
  setLayout(layout: NetworkLayout): void;
  /** Texture uploads only. crossFade: fade from the epoch shown (update(dt) animates it). */
  setActivations(snapshot: EpochSnapshot, probe: number, normalisation: Normalisation, aggregate?: AggregateChoice, crossFade?: boolean): void;
  /** Edge sets from layout's computeEdges (+ bundling); reallocates only when they outgrow the buffers. */
  setEdges(edgeSets: readonly EdgeSet[]): void;
  setHighlight(highlight: ViewHighlight | null): void;
  /** Selected cell (its receptive field is computed from the current layout unless given) or node; null clears. */
  setSelection(selection: ViewSelection | null, field?: ReceptiveField | null): void;
  /** Per frame: advances the epoch cross-fade. No allocation. */
  update(dt: number): void;
  /** Analytic pick in network space; pass `out` to avoid allocating. */
  pick(origin: ArrayLike<number>, direction: ArrayLike<number>, out?: PickResult): PickResult | null;
  /** Network-space position of a layer, map, node or cell; null when not drawn. */
  worldPoint(target: WorldPointTarget): [number, number, number] | null;
  /** Draw calls and triangles per eye of what is visible now. */
  computeStats(): RenderStats;
  /** Sets (or replaces) the label font, e.g. once loadMsdfFont resolves; null removes labels. */
  setFont(font: MsdfFontSource | null): void;
  /** The atlas (for inspectors and tests); null before setNetwork. */
  readonly atlas: ActivationAtlas | null;
  dispose(): void;
}

interface PerNetwork {
  readonly network: NetworkDescription;
  readonly atlas: ActivationAtlas;
  readonly maps: FeatureMapMesh;
  readonly nodes: NodeMesh;
  readonly bars: BarMesh;
  readonly blocks: BlockMesh;
  readonly outputLayer: number;
  readonly classLabels: number;
  readonly decor: OutputDecor;
  /** (layers + classLabels) * 3 label anchors. */
  readonly labelAnchors: Float32Array;
}

export function createNetworkView(options: NetworkViewOptions = {}): NetworkView {
  const tracker = options.tracker ?? createResourceTracker();
  const labelSize = options.labelSize ?? 0.045;
  const group = new Group();
  group.name = 'network-view';
  // Shared by every material: (layer, channel or -2 for all, row, col); layer -1 = none.
  const highlight = new Vector4(-1, -2, -1, -1);
  const selection = new Vector4(-1, -1, -1, -1);
  const edges = createEdgeMesh(tracker, highlight, {
    width: options.edgeWidth ?? 0.003,
    opacity: options.edgeOpacity ?? 0.3,
    blending: options.edgeBlending ?? 'additive',
  });
  const selectionLines = createSelectionLines(tracker);
  const highlightBox = createHighlightBox(tracker);
  let labels: LabelMesh | null = null;
  let labelSpecs: LabelSpec[] = [];
  group.add(edges.mesh, selectionLines.lines, highlightBox.lines);

  let current: PerNetwork | null = null;
  let layout: NetworkLayout | null = null;
  let selected: ViewSelection | null = null;
  let givenField: ReceptiveField | null = null;
  let highlighted: ViewHighlight | null = null;

  function disposeNetwork(): void {
    if (!current) return;
    group.remove(current.maps.mesh, current.nodes.mesh, current.bars.mesh, current.blocks.mesh);
    current.maps.dispose();
    current.nodes.dispose();
    current.bars.dispose();
    current.blocks.dispose();
    current.atlas.dispose();
    current = null;
  }

  /** Layer labels above each layer's box (front face), class labels at the output decor's anchors. */
  function writeLabelAnchors(): void {
    if (!labels || !current || !layout) return;
    const a = current.labelAnchors;
    for (const l of layout.layers) {
      a[l.layerId * 3] = l.center[0];
      a[l.layerId * 3 + 1] = l.center[1] + l.halfSize[1] + labelSize * 1.2;
      a[l.layerId * 3 + 2] = l.center[2] + l.halfSize[2];
    }
    const base = layout.layers.length * 3;
    for (let i = 0; i < current.classLabels * 3; i++) a[base + i] = current.decor.labelAnchors[i]!;
    labels.writeAnchors(a);
  }

  /**
   * Cells are given in the layer's real output cells; the shaders draw recorded cells, which differ
   * for capped (downsampled) layers: scale (row, col) into z, w of `target`.
   */
  function setRecordedCell(target: Vector4, layerId: number, row: number, col: number): void {
    const l = layout?.layers[layerId];
    const [rows, cols] = l?.geometryCells ?? l?.mapCells ?? [1, 1];
    const [recordedRows, recordedCols] = l?.mapCells ?? [1, 1];
    target.z = rows > 0 ? Math.floor((row * recordedRows) / rows) : row;
    target.w = cols > 0 ? Math.floor((col * recordedCols) / cols) : col;
  }

  function requireNetwork(what: string): PerNetwork {
    if (!current) throw new NetworkViewError(`${what} before setNetwork`);
    return current;
  }

  function updateSelectionLines(): void {
    let field: Pick<ReceptiveField, 'segments' | 'patchCorners'> | null = givenField;
    if (!field && selected?.cell && current && layout) {
      try {
        field = computeReceptiveField(current.network, layout, { layerId: selected.layerId, channel: selected.channel, ...selected.cell });
      } catch {
        field = null; // not a spatial layer or not drawn: the cell outline alone marks it
      }
    }
    selectionLines.setField(field);
  }

  const view: NetworkView = {
    group,
    tracker,
    get atlas() {
      return current?.atlas ?? null;
    },
    setNetwork(network) {
      const plan = computeAtlasPlan(network); // throws before anything is torn down
      disposeNetwork();
      layout = null;
      selected = null;
      givenField = null;
      highlighted = null;
      view.setHighlight(null);
      view.setSelection(null);
      edges.setEdges([]);
      const atlas = createActivationAtlas(plan, network, tracker);
      atlas.fadeSeconds = options.crossFadeSeconds ?? 0.35;
      const consumers = computeConsumers(network);
      const outputLayer = network.layers.findIndex((l) => computeIsOutputLayer(l, consumers));
      const outputUnits = outputLayer >= 0 ? (plan.layers[outputLayer]?.channels ?? 0) : 0;
      const classLabels = Math.min(network.classNames.length, outputUnits);
      const maps = createFeatureMapMesh(network, atlas, tracker, highlight, selection);
      const perNetwork: PerNetwork = {
        network,
        atlas,
        maps,
        nodes: createNodeMesh(atlas, tracker, highlight, selection),
        bars: createBarMesh(atlas, outputUnits, tracker),
        blocks: createBlockMesh(network.layers.length, tracker, highlight),
        outputLayer,
        classLabels,
        decor: createOutputDecor(outputUnits),
        labelAnchors: new Float32Array((network.layers.length + classLabels) * 3),
      };
      current = perNetwork;
      group.add(perNetwork.maps.mesh, perNetwork.nodes.mesh, perNetwork.bars.mesh, perNetwork.blocks.mesh);
      {
        const specs: LabelSpec[] = network.layers.map((l) => ({
          text: `${l.name}\n${l.outputShape.join('x')}`,
          size: labelSize,
          align: 'center',
          colour: 0xe8ecf2,
        }));
        for (let c = 0; c < classLabels; c++) specs.push({ text: network.classNames[c]!, size: labelSize * 0.8, align: 'right', colour: 0xcfd8e3 });
        labelSpecs = specs;
        labels?.setLabels(specs);
        if (labels) labels.mesh.visible = false;
      }
    },
    setLayout(next) {
      const net = requireNetwork('setLayout');
      if (next.layers.length !== net.network.layers.length) {
        throw new NetworkViewError(`layout has ${next.layers.length} layers, the network ${net.network.layers.length}`);
      }
      layout = next;
      net.maps.writeLayout(next);
      net.nodes.writeLayout(next);
      net.blocks.writeLayout(next);
      const output = net.outputLayer >= 0 ? next.layers[net.outputLayer]! : null;
      if (output && output.style === 'nodes') computeOutputDecor(output, labelSize, net.decor);
      net.bars.writeLayout(output && output.style === 'nodes' ? output : null, net.decor);
      writeLabelAnchors();
      if (highlighted) highlightBox.frame(next.layers[highlighted.layerId] ?? null);
      if (selected?.cell && !givenField) updateSelectionLines();
    },
    setActivations(snapshot, probe, normalisation, aggregate = 'mean', crossFade = false) {
      requireNetwork('setActivations').atlas.write(snapshot, probe, normalisation, aggregate, crossFade);
    },
    setEdges(edgeSets) {
      edges.setEdges(edgeSets);
    },
    setHighlight(next) {
      highlighted = next;
      highlight.set(next?.layerId ?? -1, next?.channel ?? -2, -1, -1);
      if (next?.cell) setRecordedCell(highlight, next.layerId, next.cell.row, next.cell.col);
      highlightBox.frame(next && layout ? (layout.layers[next.layerId] ?? null) : null);
    },
    setSelection(next, field = null) {
      selected = next;
      givenField = next ? field : null;
      selection.set(next?.layerId ?? -1, next?.channel ?? -1, -1, -1);
      if (next?.cell) setRecordedCell(selection, next.layerId, next.cell.row, next.cell.col);
      updateSelectionLines();
    },
    update(dt) {
      current?.atlas.update(dt);
    },
    setFont(font) {
      if (labels) {
        group.remove(labels.mesh);
        labels.dispose();
        labels = null;
      }
      if (!font) return;
      labels = createLabelMesh(font, tracker);
      group.add(labels.mesh);
      labels.setLabels(labelSpecs);
      writeLabelAnchors();
    },
    pick(origin, direction, out) {
      return layout ? computePick(layout, origin, direction, out) : null;
    },
    worldPoint(target) {
      return layout ? computeWorldPoint(layout, target) : null;
    },
    computeStats() {
      return computeRenderStats(group);
    },
    dispose() {
      disposeNetwork();
      edges.dispose();
      selectionLines.dispose();
      highlightBox.dispose();
      labels?.dispose();
      group.removeFromParent();
      group.clear();
    },
  };
  if (options.font) view.setFont(options.font);
  return view;
}
