/**
 * Layout benchmark (issue 4, section 4): edge bundling speed and quality, layout time.
 *
 * - bundling 10k / 100k random bipartite edges between two layers of the large network as laid out
 *   (conv12's 7x7x256 cells, i.e. what fc1's edges start from, and fc1's 4096 nodes), median of runs;
 * - ink (rasterised area covered) of 5,000 random bipartite edges between two rows of nodes, the
 *   picture in which FDEB reaches ~0.11 of the straight drawing, bundled / straight;
 * - the straightforward reference implementation against the fast one on the same 500 edges: time,
 *   speed-up and agreement (mean distance between their points);
 * - computeNetworkLayout for the default MNIST network and the large one.
 * Progress on stderr; the returned object is printed by scripts/bench.ts.
 */
import { computeKdeBundle } from '../../src/layout/bundle-kde';
import { computeReferenceBundle } from '../../src/layout/bundle-reference';
import { DEFAULT_BUNDLE_OPTIONS } from '../../src/layout/bundle-frame';
import { computeEdges } from '../../src/layout/edges';
import { computeInkRatio } from '../../src/layout/ink';
import { computeNetworkLayout } from '../../src/layout/network-layout';
import { computeChannelPositions, computeUnitPositions } from '../../src/layout/unit-positions';
import { createLargeNetwork, createMnistNetwork, createRandom, createWeights } from '../../tests/unit/layout/networks';

const P = DEFAULT_BUNDLE_OPTIONS.pointsPerEdge;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Process CPU time, ms: on a shared, oversubscribed machine it tracks the work better than wall time. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function time<T>(runs: number, f: () => T): { ms: number[]; cpu: number[]; result: T } {
  const ms: number[] = [];
  const cpu: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = cpuMs();
    result = f();
    cpu.push(cpuMs() - startCpu);
    ms.push(performance.now() - start);
  }
  return { ms, cpu, result };
}

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/** count random edges from `from` positions to `to` positions (both n * 3). */
function randomPairs(from: Float32Array, to: Float32Array, count: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const out = new Float32Array(count * 6);
  const a = from.length / 3;
  const b = to.length / 3;
  for (let e = 0; e < count; e++) {
    const i = Math.floor(random() * a);
    const j = Math.floor(random() * b);
    out.set(from.subarray(i * 3, i * 3 + 3), e * 6);
    out.set(to.subarray(j * 3, j * 3 + 3), e * 6 + 3);
  }
  return out;
}

/** Two rows of `nodes` nodes 1 m long, 1 m apart: the two-layer bipartite drawing of the FDEB comparison. */
function bipartiteRows(count: number, nodes: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const out = new Float32Array(count * 6);
  for (let e = 0; e < count; e++) {
    out.set([Math.floor(random() * nodes) / (nodes - 1) - 0.5, 1.4, 0, Math.floor(random() * nodes) / (nodes - 1) - 0.5, 1.4, -1], e * 6);
  }
  return out;
}

function straightPoints(endpoints: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * P * 3);
  for (let e = 0; e < count; e++) {
    for (let k = 0; k < P; k++) {
      for (let a = 0; a < 3; a++) out[(e * P + k) * 3 + a] = endpoints[e * 6 + a]! + (endpoints[e * 6 + 3 + a]! - endpoints[e * 6 + a]!) * (k / (P - 1));
    }
  }
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  const log = (m: string) => process.stderr.write(`  layout: ${m}\n`);
  const result: Record<string, unknown> = {};
  // Other work on these shared cores inflates wall times; the load average says how much.
  result.load_average_1min_at_start = round((await import('node:os')).loadavg()[0]!, 2);

  // Layout time.
  const mnist = createMnistNetwork();
  const large = createLargeNetwork();
  const mnistLayout = time(20, () => computeNetworkLayout(mnist, []));
  const largeLayout = time(10, () => computeNetworkLayout(large, []));
  result.layout_default_network_ms_median = round(median(mnistLayout.ms), 3);
  result.layout_large_network_ms_median = round(median(largeLayout.ms), 3);
  result.layout_default_network_length_m = round(-mnistLayout.result.min[2]);
  result.layout_large_network_length_m = round(-largeLayout.result.min[2]);
  const mnistWeights = createWeights(mnist);
  result.edges_default_network_ms_median = round(median(time(10, () => computeEdges(mnist, mnistLayout.result, mnistWeights, { topK: 400, threshold: 0.1 })).ms), 3);
  log('layout done');

  // Bundling speed on a realistic layer pair: conv12's cells (flattened) -> fc1's 4096 nodes.
  const cells = computeUnitPositions(large, largeLayout.result, 13);
  const nodes = computeChannelPositions(large, largeLayout.result, 14);
  for (const [count, runs] of [
    [10_000, 7],
    [100_000, 5],
  ] as const) {
    const endpoints = randomPairs(cells, nodes, count, 42);
    computeKdeBundle(endpoints, Math.min(count, 2000)); // warm up the JIT
    const { ms, cpu, result: bundled } = time(runs, () => computeKdeBundle(endpoints, count));
    const key = count === 10_000 ? '10k' : '100k';
    result[`bundle_${key}_edges_ms_median`] = round(median(ms), 1);
    result[`bundle_${key}_edges_cpu_ms_median`] = round(median(cpu), 1);
    result[`bundle_${key}_edges_ms_runs`] = ms.map((v) => round(v, 1));
    // Side view (x-z): head-on, two 1.5 m square layers cover each other whatever the edges do.
    result[`bundle_${key}_edges_ink_ratio_side_view_res256`] = round(computeInkRatio(endpoints, 2, bundled, P, count, 256, [0, 2]), 3);
    log(`bundled ${count} edges: median ${median(ms).toFixed(0)} ms`);
  }

  // Quality: the FDEB picture (5,000 random edges between two rows of 100 nodes).
  const rows = bipartiteRows(5000, 100, 7);
  const rowsTimed = time(3, () => computeKdeBundle(rows, 5000));
  result.bundle_5000_bipartite_ms_median = round(median(rowsTimed.ms), 1);
  result.bundle_5000_bipartite_cpu_ms_median = round(median(rowsTimed.cpu), 1);
  for (const res of [256, 512]) {
    result[`ink_ratio_5000_bipartite_res${res}`] = round(computeInkRatio(rows, 2, rowsTimed.result, P, 5000, res), 3);
  }
  // FDEB (DESIGN.md): ~0.11 of the straight ink for this picture, in minutes (not run here).
  result.ink_ratio_fdeb_published = 0.11;
  // With 3 extra smoothing passes at the end (rounder curves near the endpoints, more ink).
  const smoother = computeKdeBundle(rows, 5000, { finalSmoothingPasses: 3 });
  result.ink_ratio_5000_bipartite_res256_final_smoothing_3 = round(computeInkRatio(rows, 2, smoother, P, 5000, 256), 3);
  result.fdeb_5000_edges_time_published = 'minutes';
  log('ink done');

  // Reference vs fast on the same 500 edges.
  const n = 500;
  const small = bipartiteRows(n, 100, 9);
  const reference = time(1, () => computeReferenceBundle(small, n));
  const fast = time(5, () => computeKdeBundle(small, n));
  const base = straightPoints(small, n);
  let distance = 0;
  let maxDistance = 0;
  let moved = 0;
  for (let i = 0; i < base.length; i += 3) {
    const d = Math.hypot(fast.result[i]! - reference.result[i]!, fast.result[i + 1]! - reference.result[i + 1]!, fast.result[i + 2]! - reference.result[i + 2]!);
    distance += d;
    maxDistance = Math.max(maxDistance, d);
    moved += Math.hypot(reference.result[i]! - base[i]!, reference.result[i + 1]! - base[i + 1]!, reference.result[i + 2]! - base[i + 2]!);
  }
  const samples = base.length / 3;
  result.reference_500_edges_ms = round(reference.ms[0]!, 1);
  result.fast_500_edges_ms_median = round(median(fast.ms), 1);
  result.reference_500_edges_cpu_ms = round(reference.cpu[0]!, 1);
  result.fast_500_edges_cpu_ms_median = round(median(fast.cpu), 1);
  // Speed-ups from CPU time (wall times on shared cores depend on what else runs).
  result.speedup_fast_over_reference_500_edges_cpu = round(reference.cpu[0]! / median(fast.cpu), 1);
  // The reference is quadratic: its cost at 100k edges, extrapolated, against the measured fast time.
  result.reference_100k_edges_cpu_ms_extrapolated_quadratic = round(reference.cpu[0]! * (100_000 / n) ** 2, 0);
  result.speedup_fast_over_reference_100k_edges_cpu_extrapolated = round(
    (reference.cpu[0]! * (100_000 / n) ** 2) / (result.bundle_100k_edges_cpu_ms_median as number),
    0,
  );
  result.agreement_mean_distance_m = round(distance / samples, 5);
  result.agreement_max_distance_m = round(maxDistance, 5);
  result.agreement_mean_distance_over_drawing_width = round(distance / samples / 1, 5);
  result.reference_mean_point_move_m = round(moved / samples, 4);
  result.drawing_width_m = 1;
  log('reference done');
  return result;
}
