import type { PanelPointer, Rect, Widget } from '../panel';
import { computeGrabOffset, computeSliderFraction, computeSliderValue, type SliderRange } from './slider-math';

/**
 * three-mesh-ui has no slider: this one is a track and a thumb on the panel canvas. Down on the thumb
 * or the track grabs it; moves while held set the value continuously; up releases. Hover and active
 * states are drawn. onChange fires only when the (snapped) value changes.
 */
export interface SliderOptions {
  readonly name: string;
  readonly rect: Rect;
  readonly range: () => SliderRange;
  readonly value: () => number;
  readonly onChange: (value: number) => void;
  readonly onRelease?: () => void;
  readonly enabled?: () => boolean;
}

export interface Slider extends Widget {
  hovered: boolean;
  dragging: boolean;
  /** Centre x of the thumb, panel metres. */
  thumbX(): number;
}

export function createSlider(options: SliderOptions): Slider {
  const rect = options.rect;
  const thumbHalf = Math.min(rect.height * 0.35, 0.012);
  const trackStart = () => rect.x + thumbHalf;
  const trackLength = () => rect.width - 2 * thumbHalf;
  let grabOffset = 0;
  let lastValue = NaN;

  const setFrom = (x: number) => {
    const value = computeSliderValue(x - grabOffset, trackStart(), trackLength(), options.range());
    if (value === lastValue) return;
    lastValue = value;
    if (value !== options.value()) options.onChange(value);
  };

  const slider: Slider = {
    name: options.name,
    rect,
    visible: true,
    hovered: false,
    dragging: false,
    thumbX: () => trackStart() + computeSliderFraction(options.value(), options.range()) * trackLength(),
    draw(ctx, scale) {
      const cy = (rect.y + rect.height / 2) * scale;
      const x0 = trackStart() * scale;
      const x1 = (trackStart() + trackLength()) * scale;
      const tx = slider.thumbX() * scale;
      const enabled = options.enabled?.() ?? true;
      ctx.lineCap = 'round';
      ctx.lineWidth = rect.height * 0.18 * scale;
      ctx.strokeStyle = '#3a4560';
      ctx.beginPath();
      ctx.moveTo(x0, cy);
      ctx.lineTo(x1, cy);
      ctx.stroke();
      ctx.strokeStyle = enabled ? '#5a86c8' : '#3a4560';
      ctx.beginPath();
      ctx.moveTo(x0, cy);
      ctx.lineTo(tx, cy);
      ctx.stroke();
      const r = thumbHalf * scale * (slider.hovered || slider.dragging ? 1.15 : 1);
      ctx.fillStyle = slider.dragging ? '#ffd36b' : slider.hovered ? '#d9e6ff' : enabled ? '#aebfe0' : '#55607a';
      ctx.beginPath();
      ctx.arc(tx, cy, r, 0, Math.PI * 2);
      ctx.fill();
    },
    handle(event: PanelPointer) {
      const before = `${slider.hovered}${slider.dragging}`;
      switch (event.phase) {
        case 'down':
          if (!(options.enabled?.() ?? true)) break;
          slider.dragging = true;
          grabOffset = computeGrabOffset(event.x, slider.thumbX(), thumbHalf * 1.5);
          lastValue = NaN;
          setFrom(event.x);
          break;
        case 'move':
          if (slider.dragging) setFrom(event.x);
          else slider.hovered = true;
          break;
        case 'up':
          if (slider.dragging) {
            setFrom(event.x);
            slider.dragging = false;
            options.onRelease?.();
          }
          slider.hovered = event.x >= rect.x && event.x <= rect.x + rect.width && event.y >= rect.y && event.y <= rect.y + rect.height;
          break;
        case 'leave':
          slider.hovered = false;
          break;
      }
      // Value changes redraw through the owner's state subscription; here only the look.
      return before !== `${slider.hovered}${slider.dragging}` || slider.dragging;
    },
  };
  return slider;
}
