import { computeSegmentedLine } from '../font-metrics';
import type { Label } from '../label';
import type { Panel, Rect } from '../panel';
import { createButton, type Button, type ButtonOptions } from './button';

/**
 * A row of buttons sharing one Text for all their captions (one draw call for the row): captions are
 * joined with spaces and each button's box is sized from the font metrics around its caption.
 */
export interface ButtonSpec extends Omit<ButtonOptions, 'rect' | 'onPress'> {
  /** Caption; a function when it changes (Play/Pause). */
  readonly caption: string | (() => string);
  /** Without it the caption is plain text in the row (a heading such as "Colour per"), no button. */
  readonly onPress?: () => void;
}

export interface ButtonRow {
  readonly buttons: readonly Button[];
  readonly label: Label;
  /** Re-reads captions; relays out and redraws only when one changed. */
  refresh(): void;
  setVisible(visible: boolean): void;
}

export function createButtonRow(panel: Panel, at: { x: number; y: number; height: number; fontSize?: number; gap?: number }, specs: readonly ButtonSpec[]): ButtonRow {
  const fontSize = at.fontSize ?? panel.context.fontSize;
  const gap = at.gap ?? 3;
  // A space is fontSize / 3 wide; the padding leaves a visible gutter between neighbouring boxes.
  const pad = (gap * fontSize) / 3 / 2 - fontSize * 0.08;
  const textX = at.x + pad;
  const label = panel.label({ x: textX, y: at.y, width: panel.width - textX, height: at.height, fontSize });
  const buttons = specs.map((spec) =>
    spec.onPress ? panel.add(createButton({ ...spec, onPress: spec.onPress, rect: { x: 0, y: at.y, width: 0, height: at.height } })) : null,
  );
  let captions = '';
  const refresh = () => {
    const current = specs.map((s) => (typeof s.caption === 'string' ? s.caption : s.caption()));
    const joined = current.join('\u0000');
    if (joined === captions) return;
    captions = joined;
    const { text, segments } = computeSegmentedLine(current, panel.context.metrics, fontSize, gap);
    segments.forEach((segment, i) => {
      const button = buttons[i];
      if (!button) return;
      const rect: Rect = button.rect;
      rect.x = textX + segment.x - pad;
      rect.width = segment.width + 2 * pad;
    });
    label.set(text);
    panel.invalidate();
  };
  refresh();
  return {
    buttons: buttons.filter((b): b is Button => b !== null),
    label,
    refresh,
    setVisible(visible) {
      label.object.visible = visible;
      for (const b of buttons) if (b) b.visible = visible;
      panel.invalidate();
    },
  };
}
