import type { PanelPointer, Rect, Widget } from '../panel';
import { traceRoundRect } from '../panel';

/**
 * A push button drawn on the panel canvas (its caption is a label the owner places, usually a shared
 * row Text). Presses on release over the button, so a ray that slides off cancels.
 */
export interface ButtonOptions {
  readonly name: string;
  readonly rect: Rect;
  readonly onPress: () => void;
  /** Drawn as the chosen option of a group (e.g. the current layout). */
  readonly selected?: () => boolean;
  readonly enabled?: () => boolean;
}

export interface Button extends Widget {
  hovered: boolean;
  pressed: boolean;
}

export const BUTTON_COLOURS = {
  normal: '#2b3750',
  hover: '#3a4e78',
  pressed: '#5a86c8',
  selected: '#2d7a63',
  selectedHover: '#379476',
  disabled: '#222833',
} as const;

export function createButton(options: ButtonOptions): Button {
  const button: Button = {
    name: options.name,
    rect: options.rect,
    visible: true,
    hovered: false,
    pressed: false,
    draw(ctx, scale) {
      const enabled = options.enabled?.() ?? true;
      const selected = options.selected?.() ?? false;
      ctx.fillStyle = !enabled
        ? BUTTON_COLOURS.disabled
        : button.pressed
          ? BUTTON_COLOURS.pressed
          : selected
            ? button.hovered
              ? BUTTON_COLOURS.selectedHover
              : BUTTON_COLOURS.selected
            : button.hovered
              ? BUTTON_COLOURS.hover
              : BUTTON_COLOURS.normal;
      traceRoundRect(ctx, button.rect, scale);
      ctx.fill();
      if (button.hovered && enabled) {
        ctx.strokeStyle = '#9fc2ff';
        ctx.lineWidth = 2;
        ctx.stroke();
      }
    },
    handle(event: PanelPointer) {
      const inside = contains(button.rect, event.x, event.y);
      const before = `${button.hovered}${button.pressed}`;
      switch (event.phase) {
        case 'move':
          button.hovered = inside;
          break;
        case 'leave':
          button.hovered = false;
          button.pressed = false;
          break;
        case 'down':
          button.pressed = inside && (options.enabled?.() ?? true);
          break;
        case 'up':
          if (button.pressed && inside) options.onPress();
          button.pressed = false;
          button.hovered = inside;
          break;
      }
      return before !== `${button.hovered}${button.pressed}`;
    },
  };
  return button;
}

export function contains(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x <= rect.x + rect.width && y >= rect.y && y <= rect.y + rect.height;
}
