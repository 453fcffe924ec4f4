/**
 * Render benchmark (node, no GPU): for the default MNIST network and a synthetic large one
 * (12 conv layers of 256 maps, dense 4096, 4096, 1000):
 *  - draw calls and triangles per eye as three's WebGLRenderer would issue them (visible meshes and
 *    lines of the view; stereo renders the same list once per eye), all layers open, edges bundled,
 *    labels, hover outline and a receptive-field selection shown;
 *  - baseline: what one mesh per map / node / edge / label (TensorSpace-style) would cost, and the ratio;
 *  - CPU time of an epoch switch (setActivations: atlas slot + ranges, texture upload flagged) and of
 *    setLayout (instance attributes), median and p95, against a plain copy of the same activations.
 * Browser frame times are measured by the integrator's browser benchmark.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';

// Shaders are imported with vite's `?raw`; teach node the same before loading src/render.
register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier.endsWith('?raw')) {
    const r = await next(specifier.slice(0, -4), context);
    return { url: r.url + '?raw', format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.endsWith('?raw')) {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
    return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
  }
  return next(url, context);
}`)}`,
  import.meta.url,
);

const RUNS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))]!;
}

function time(runs: number, fn: (i: number) => void): { median: number; p95: number } {
  fn(0); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i + 1);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: +percentile(samples, 0.5).toFixed(3), p95: +percentile(samples, 0.95).toFixed(3) };
}

export async function run(): Promise<Record<string, unknown>> {
  const { createNetworkView } = await import('../../src/render/network-view');
  const { computeNetworkLayout } = await import('../../src/layout/network-layout');
  const { computeEdges } = await import('../../src/layout/edges');
  const { computeKdeBundle } = await import('../../src/layout/bundle-kde');
  const { DEFAULT_EDGE_SETTINGS, DEFAULT_LAYER_VIEW } = await import('../../src/domain/view-settings');
  const { createLargeNetwork, createMnistNetwork, createSnapshot } = await import('../../tests/unit/render/fixtures');
  type Network = ReturnType<typeof createMnistNetwork>;
  type EdgeSet = ReturnType<typeof computeEdges>[number];

  const fontJson = JSON.parse(readFileSync(new URL('../../assets/generated/fonts/Roboto-msdf.json', import.meta.url), 'utf8'));

  const measure = (label: string, network: Network, probes: number) => {
    process.stderr.write(`bench: render ${label}: snapshots...\n`);
    const epochs = [0, 1].map((e) => createSnapshot(network, e, { probes }));
    const layout = computeNetworkLayout(network, network.layers.map(() => DEFAULT_LAYER_VIEW));
    process.stderr.write(`bench: render ${label}: edges + bundling...\n`);
    const straight = computeEdges(network, layout, epochs[0]!.weights, DEFAULT_EDGE_SETTINGS);
    // Default settings bundle edges: bundled sets carry 16 control points per edge.
    const edges: EdgeSet[] = straight.map((set) =>
      set.count < 2 ? set : { ...set, pointsPerEdge: 16, points: computeKdeBundle(set.points, set.count, { pointsPerEdge: 16 }) },
    );
    const view = createNetworkView({ font: { json: fontJson, image: null } });
    view.setNetwork(network);
    view.setLayout(layout);
    view.setEdges(edges);
    view.setActivations(epochs[0]!, 0, 'layer');
    view.setHighlight({ layerId: 3 });
    view.setSelection({ layerId: 3, channel: 0, cell: { row: 2, col: 2 } });
    const stats = view.computeStats();

    // Baseline: one mesh per drawn map, node, edge and label.
    let perObject = 0;
    for (const l of layout.layers) perObject += l.mapCount + l.nodeCount + (l.style === 'block' ? 1 : 0) + 1;
    for (const set of edges) perObject += set.count;
    perObject += network.classNames.length;

    process.stderr.write(`bench: render ${label}: timing...\n`);
    const normalisations = ['map', 'layer', 'network'] as const;
    const epochSwitch = time(RUNS, (i) => view.setActivations(epochs[i % 2]!, i % probes, normalisations[i % 3]!));
    const layoutApply = time(RUNS, () => view.setLayout(layout));
    // Baseline: copying the same activations once, the least an epoch switch can cost.
    let values = 0;
    for (const perProbe of epochs[0]!.activations) values += perProbe[0]?.length ?? 0;
    const scratch = new Float32Array(values);
    const copy = time(RUNS, (i) => {
      let o = 0;
      for (const perProbe of epochs[i % 2]!.activations) {
        const data = perProbe[0];
        if (!data) continue;
        scratch.set(data, o);
        o += data.length;
      }
    });
    const atlas = view.atlas!;
    const result = {
      draw_calls_per_eye: stats.drawCalls,
      triangles_per_eye: stats.triangles,
      line_segments_per_eye: stats.lineSegments,
      by_object: stats.byObject,
      maps_drawn: stats.byObject['feature-maps']?.instances ?? 0,
      nodes_drawn: stats.byObject['nodes']?.instances ?? 0,
      edges_drawn: stats.byObject['edges']?.instances ?? 0,
      baseline_one_mesh_per_object_draw_calls: perObject,
      draw_call_reduction_ratio: +(perObject / stats.drawCalls).toFixed(1),
      activation_values: values,
      atlas_pages: atlas.plan.pageCount,
      atlas_page_size_texels: atlas.plan.pageSize,
      epoch_switch_ms_median: epochSwitch.median,
      epoch_switch_ms_p95: epochSwitch.p95,
      set_layout_ms_median: layoutApply.median,
      set_layout_ms_p95: layoutApply.p95,
      baseline_copy_activations_ms_median: copy.median,
      epoch_switch_vs_copy_ratio: +(epochSwitch.median / Math.max(copy.median, 1e-3)).toFixed(1),
      gpu_resources_live: view.tracker.live,
    };
    view.dispose();
    return result;
  };

  const mnist = measure('default', createMnistNetwork(), 2);
  const large = measure('large', createLargeNetwork(), 1);
  return {
    runs: RUNS,
    default_network: mnist,
    large_network: large,
    budget_default_draw_calls: 25,
    budget_large_draw_calls: 40,
    budget_triangles_per_eye: 500_000,
    within_budget:
      mnist.draw_calls_per_eye <= 25 && large.draw_calls_per_eye <= 40 && mnist.triangles_per_eye < 500_000 && large.triangles_per_eye < 500_000,
    draw_calls_growth_large_over_default: +(large.draw_calls_per_eye / mnist.draw_calls_per_eye).toFixed(2),
  };
}
