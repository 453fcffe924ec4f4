import { describe, expect, it } from 'vitest';
import { computeFrameTimeStats, createFrameLoop } from '../../../src/core/frame-loop';

describe('frame loop', () => {
  it('runs updaters phase by phase in order, whatever order they were added in', () => {
    const loop = createFrameLoop();
    const order: string[] = [];
    loop.add('render', () => order.push('render'));
    loop.add('input', () => order.push('input'));
    loop.add('ui', () => order.push('ui'));
    const remove = loop.add('state', () => order.push('state'));
    loop.add('layout', () => order.push('layout'));
    loop.tick(0);
    expect(order).toEqual(['input', 'state', 'layout', 'ui', 'render']);
    remove();
    order.length = 0;
    loop.tick(16);
    expect(order).toEqual(['input', 'layout', 'ui', 'render']);
  });

  it('reports dt in seconds, clamped after a stall', () => {
    const loop = createFrameLoop();
    const dts: number[] = [];
    loop.add('input', (f) => dts.push(f.dt));
    loop.tick(1000);
    loop.tick(1016);
    loop.tick(6016);
    expect(dts[0]).toBe(0);
    expect(dts[1]).toBeCloseTo(0.016);
    expect(dts[2]).toBe(0.1);
  });

  it('computes median and p95 of recorded frame times', () => {
    const times = new Float64Array(120);
    for (let i = 0; i < 100; i++) times[i] = i + 1;
    expect(computeFrameTimeStats({ frameTimes: times, frameCount: 100 })).toEqual({ median: 51, p95: 95, frames: 100 });
    expect(computeFrameTimeStats({ frameTimes: times, frameCount: 0 }).frames).toBe(0);
  });

  it('records the time of each phase; the phases add up to the frame', () => {
    const loop = createFrameLoop(4);
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    loop.add('input', () => busy(2));
    loop.add('render', () => busy(4));
    loop.tick(0);
    expect(loop.phaseTimes.input[0]).toBeGreaterThanOrEqual(2);
    expect(loop.phaseTimes.render[0]).toBeGreaterThanOrEqual(4);
    expect(loop.phaseTimes.state[0]).toBeLessThan(1);
    const sum = ['input', 'state', 'layout', 'ui', 'render'].reduce((a, p) => a + loop.phaseTimes[p as 'input'][0]!, 0);
    expect(sum).toBeCloseTo(loop.frameTimes[0]!, 6);
    expect(computeFrameTimeStats(loop, 'render').median).toBe(loop.phaseTimes.render[0]);
    expect(computeFrameTimeStats(loop, ['input', 'render']).median).toBeCloseTo(loop.phaseTimes.input[0]! + loop.phaseTimes.render[0]!, 9);
  });
});
