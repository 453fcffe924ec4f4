/**
 * Picks the edges worth drawing from a dense matrix of candidate strengths (flat index =
 * source * targetCount + target): those with |v| >= threshold * max|v|, at most topK of them, the
 * strongest first, ties to the lower index. A size-K min-heap keeps it O(M log K) with no
 * allocation per candidate, so a 4096 x 4096 kernel is one pass. Returns the chosen flat indices in
 * ascending order (a stable, deterministic order) and the largest |v| (the normaliser).
 */
export function computeEdgeSelection(values: Float32Array, topK: number, threshold: number): { indices: Int32Array; maxAbs: number } {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a > maxAbs) maxAbs = a;
  }
  const k = Math.max(0, Math.min(Math.floor(topK), values.length));
  if (k === 0 || maxAbs === 0) return { indices: new Int32Array(0), maxAbs };
  const floor = Math.max(0, threshold) * maxAbs;
  const heap = new Int32Array(k);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a < floor) continue;
    if (size < k) {
      heap[size] = i;
      siftUp(heap, size++, values);
    } else if (weaker(heap[0]!, i, values)) {
      heap[0] = i;
      siftDown(heap, size, values);
    }
  }
  const indices = heap.slice(0, size).sort();
  return { indices, maxAbs };
}

/** True when edge a ranks below edge b: smaller |v|, or equal |v| and a higher index. */
function weaker(a: number, b: number, values: Float32Array): boolean {
  const va = Math.abs(values[a]!);
  const vb = Math.abs(values[b]!);
  return va < vb || (va === vb && a > b);
}

function siftUp(heap: Int32Array, i: number, values: Float32Array): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!weaker(heap[i]!, heap[parent]!, values)) return;
    const tmp = heap[i]!;
    heap[i] = heap[parent]!;
    heap[parent] = tmp;
    i = parent;
  }
}

function siftDown(heap: Int32Array, size: number, values: Float32Array): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && weaker(heap[l]!, heap[m]!, values)) m = l;
    if (r < size && weaker(heap[r]!, heap[m]!, values)) m = r;
    if (m === i) return;
    const tmp = heap[i]!;
    heap[i] = heap[m]!;
    heap[m] = tmp;
    i = m;
  }
}
