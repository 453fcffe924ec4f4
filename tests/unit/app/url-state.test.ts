import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/app/store';
import { computeViewIntents, computeViewParam } from '../../../src/app/url-state';
import type { NetworkSummary } from '../../../src/app/state';

const network: NetworkSummary = {
  name: 'n',
  source: 's',
  classNames: [],
  layers: [0, 1, 2, 3].map((id) => ({ id, name: `l${id}`, kind: 'conv2d' as const, outputShape: [4, 4, 2], cap: null })),
};

function store() {
  const s = createAppStore();
  s.dispatch({ type: 'network-loaded', network, epochCount: 10, sampleCount: 5 });
  return s;
}

describe('view URL', () => {
  it('round-trips epoch, sample, normalisation, collapsed layers, arrangements and aggregates', () => {
    const a = store();
    for (const intent of [
      { type: 'set-epoch', epoch: 3 },
      { type: 'set-sample', sample: 4 },
      { type: 'set-normalisation', normalisation: 'network' },
      { type: 'set-collapsed', layerId: 1, collapsed: true },
      { type: 'set-arrangement', layerId: 2, arrangement: 'circle' },
      { type: 'set-arrangement', layerId: 0, arrangement: 'line' },
      { type: 'set-aggregate', layerId: 1, aggregate: 'max' },
    ] as const) a.dispatch(intent);
    const param = computeViewParam(a.getState());
    expect(param).toBe('e3.s4.n-network.c1.a0l,2c.m1');
    const b = store();
    for (const intent of computeViewIntents(param)) b.dispatch(intent);
    expect(b.getState().layerViews).toEqual(a.getState().layerViews);
    expect(b.getState()).toMatchObject({ epoch: 3, sample: 4, normalisation: 'network' });
  });

  it('skips malformed parts instead of failing', () => {
    expect(computeViewIntents('e.sx.n-bogus.a9q,1g.c1,-2,x.zz')).toEqual([
      { type: 'set-arrangement', layerId: 1, arrangement: 'grid' },
      { type: 'set-collapsed', layerId: 1, collapsed: true },
    ]);
  });
});
