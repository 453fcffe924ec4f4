import { computeLineHeight } from './font-metrics';
import type { UiContext } from './ui-context';

/** Height of one text line at the context's font size: rows aligned with a multi-line label use it as their pitch. */
export function computeFontMetricsLineHeight(context: UiContext): number {
  return computeLineHeight(context.metrics, context.fontSize);
}
