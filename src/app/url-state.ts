import type { Aggregate, MapArrangement, Normalisation } from '../domain/view-settings';
import type { AppState } from './state';
import type { Intent } from './intents';

/**
 * A shareable view in the URL: `?view=e7.s3.n-layer.c1,3.a2g,4c` — epoch, sample, normalisation,
 * collapsed layer ids, per-layer arrangements (id + l/g/c) and max-aggregate layers. Only what the
 * user chose; the network itself comes from the recording or model parameters.
 */

const ARRANGEMENT_CODES: Record<MapArrangement, string> = { line: 'l', grid: 'g', circle: 'c' };
const ARRANGEMENT_BY_CODE: Record<string, MapArrangement> = { l: 'line', g: 'grid', c: 'circle' };
const NORMALISATIONS: readonly Normalisation[] = ['map', 'layer', 'network'];

export function computeViewParam(state: AppState): string {
  const parts = [`e${state.epoch}`, `s${state.sample}`, `n-${state.normalisation}`];
  const collapsed = state.layerViews.flatMap((v, i) => (v.collapsed ? [i] : []));
  if (collapsed.length) parts.push(`c${collapsed.join(',')}`);
  const arranged = state.layerViews.flatMap((v, i) => (v.arrangement !== 'grid' ? [`${i}${ARRANGEMENT_CODES[v.arrangement]}`] : []));
  if (arranged.length) parts.push(`a${arranged.join(',')}`);
  const maxed = state.layerViews.flatMap((v, i) => (v.aggregate === 'max' ? [i] : []));
  if (maxed.length) parts.push(`m${maxed.join(',')}`);
  return parts.join('.');
}

/** The intents that restore a view; unknown or malformed parts are skipped (a shared link never breaks the app). */
export function computeViewIntents(param: string): Intent[] {
  const intents: Intent[] = [];
  for (const part of param.split('.')) {
    const head = part[0];
    const body = part.slice(1);
    const ids = () => body.split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 0);
    if (head === 'e' && /^\d+$/.test(body)) intents.push({ type: 'set-epoch', epoch: Number(body) });
    else if (head === 's' && /^\d+$/.test(body)) intents.push({ type: 'set-sample', sample: Number(body) });
    else if (head === 'n' && NORMALISATIONS.includes(body.slice(1) as Normalisation)) {
      intents.push({ type: 'set-normalisation', normalisation: body.slice(1) as Normalisation });
    } else if (head === 'c') for (const id of ids()) intents.push({ type: 'set-collapsed', layerId: id, collapsed: true });
    else if (head === 'm') for (const id of ids()) intents.push({ type: 'set-aggregate', layerId: id, aggregate: 'max' as Aggregate });
    else if (head === 'a') {
      for (const entry of body.split(',')) {
        const match = /^(\d+)([lgc])$/.exec(entry);
        if (match) intents.push({ type: 'set-arrangement', layerId: Number(match[1]), arrangement: ARRANGEMENT_BY_CODE[match[2]!]! });
      }
    }
  }
  return intents;
}
