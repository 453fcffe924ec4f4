/**
 * One frame loop with an ordered list of per-frame updaters. Phases run in the order
 * input -> state -> layout -> ui -> render every frame, whether the frame comes from
 * window.requestAnimationFrame or from an XR session (three's setAnimationLoop drives both).
 */

export type FramePhase = 'input' | 'state' | 'layout' | 'ui' | 'render';
export const FRAME_PHASES: readonly FramePhase[] = ['input', 'state', 'layout', 'ui', 'render'];

export interface FrameInfo {
  /** Seconds since the previous frame, clamped so a stalled tab does not teleport animations. */
  readonly dt: number;
  /** Milliseconds, from the animation loop. */
  readonly time: number;
  /** The XRFrame when presenting, else undefined. */
  readonly xrFrame: unknown;
}

export type FrameUpdater = (frame: FrameInfo) => void;

export interface FrameLoop {
  /** Adds an updater to a phase; returns a function that removes it. */
  add(phase: FramePhase, updater: FrameUpdater): () => void;
  /** Runs one frame: every phase in order. */
  tick(time: number, xrFrame?: unknown): void;
  /** Main-thread milliseconds spent in tick(), for the last frames (ring buffer, oldest first not guaranteed). */
  readonly frameTimes: Float64Array;
  /** The same per phase: milliseconds spent in each phase's updaters, same ring-buffer slots as frameTimes. */
  readonly phaseTimes: Readonly<Record<FramePhase, Float64Array>>;
  readonly frameCount: number;
}

const MAX_DT = 0.1;

export function createFrameLoop(historySize = 120): FrameLoop {
  const phases = new Map<FramePhase, FrameUpdater[]>(FRAME_PHASES.map((p) => [p, []]));
  const frameTimes = new Float64Array(historySize);
  const phaseTimes = Object.fromEntries(FRAME_PHASES.map((p) => [p, new Float64Array(historySize)])) as Record<FramePhase, Float64Array>;
  let frameCount = 0;
  let lastTime: number | null = null;
  const info = { dt: 0, time: 0, xrFrame: undefined as unknown };

  return {
    add(phase, updater) {
      const list = phases.get(phase)!;
      list.push(updater);
      return () => {
        const i = list.indexOf(updater);
        if (i >= 0) list.splice(i, 1);
      };
    },
    tick(time, xrFrame) {
      const started = performance.now();
      info.dt = lastTime === null ? 0 : Math.min(MAX_DT, Math.max(0, (time - lastTime) / 1000));
      info.time = time;
      info.xrFrame = xrFrame;
      lastTime = time;
      const slot = frameCount % historySize;
      let phaseStart = started;
      for (const phase of FRAME_PHASES) {
        for (const updater of phases.get(phase)!) updater(info);
        const now = performance.now();
        phaseTimes[phase][slot] = now - phaseStart;
        phaseStart = now;
      }
      frameTimes[slot] = phaseStart - started;
      frameCount++;
    },
    frameTimes,
    phaseTimes,
    get frameCount() {
      return frameCount;
    },
  };
}

/**
 * Median and 95th percentile of the recorded frame times (ms); with `phase`, of that phase's times,
 * or with several phases, of their per-frame sums (e.g. everything but 'render': our own updates).
 */
export function computeFrameTimeStats(
  loop: Pick<FrameLoop, 'frameTimes' | 'frameCount'> & Partial<Pick<FrameLoop, 'phaseTimes'>>,
  phase?: FramePhase | readonly FramePhase[],
): { median: number; p95: number; frames: number } {
  const phases = phase === undefined ? [] : typeof phase === 'string' ? [phase] : phase;
  const n = Math.min(loop.frameCount, loop.frameTimes.length);
  if (n === 0) return { median: NaN, p95: NaN, frames: 0 };
  const times = new Float64Array(n);
  if (phases.length === 0 || !loop.phaseTimes) times.set(loop.frameTimes.subarray(0, n));
  else for (const p of phases) for (let i = 0; i < n; i++) times[i]! += loop.phaseTimes[p][i]!;
  const sorted = Array.from(times).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * (n - 1) + 0.5))]!;
  return { median: at(0.5), p95: at(0.95), frames: n };
}
