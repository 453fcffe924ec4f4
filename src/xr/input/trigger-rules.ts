import type { Intent } from '../../app/intents';
import type { PointerAim } from './pointer-aim';

/**
 * What a trigger pull or a click on the network means. One rule for controllers and hands:
 *   on a cell of an expanded feature map -> select that cell (its receptive field shows);
 *   on any other part of a layer (a collapsed slab, dense nodes, the layer's frame or the gaps
 *     between its maps, its label) -> collapse / expand it;
 *   on the base -> nothing (the base is for grabbing);
 *   on empty space -> clear the selection.
 * The desktop follows issue 4: a click collapses / expands the layer under the mouse wherever it is
 * hit, a shift-click selects the cell.
 */
export type TriggerRule = 'xr' | 'click' | 'shift-click';

export function computeTriggerIntent(aim: PointerAim, rule: TriggerRule): Intent | null {
  if (aim.kind === 'panel') return null;
  if (aim.kind === 'none') return rule === 'shift-click' ? null : { type: 'clear-selection' };
  const hit = aim.hit;
  if (hit.kind === 'base' || hit.layerId < 0) return null;
  const select: Intent | null =
    hit.kind === 'cell' ? { type: 'select-cell', selection: { layerId: hit.layerId, channel: hit.channel, row: hit.row, col: hit.col } } : null;
  switch (rule) {
    case 'xr':
      return select ?? { type: 'toggle-collapsed', layerId: hit.layerId };
    case 'click':
      return { type: 'toggle-collapsed', layerId: hit.layerId };
    case 'shift-click':
      return select;
  }
}
