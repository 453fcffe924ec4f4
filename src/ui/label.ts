import * as THREE from 'three';
import { Block, Text } from 'three-mesh-ui';
import { computeSafeText } from './safe-text';
import type { UiContext } from './ui-context';

/**
 * One three-mesh-ui Text in a frameless root Block, placed in panel coordinates. A Text is one draw
 * call, so panels use few labels holding several lines or a whole row of button captions.
 * set() filters through computeSafeText and touches three-mesh-ui only when the string changes.
 */
export interface Label {
  readonly object: THREE.Object3D;
  /** Asks for a new text; it is drawn within a few frames (see UiContext.textBudget). */
  set(text: string): void;
  /** The text asked for last (shown, or about to be). */
  readonly text: string;
  /** The text three-mesh-ui has now. */
  readonly shown: string;
}

export interface LabelOptions {
  /** Top-left corner and size of the label's box, metres from the panel's top-left, y down. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fontSize?: number;
  /** 'center' vertically centres one line; 'start' starts at the top (multi-line). */
  readonly vertical?: 'start' | 'center';
  readonly align?: 'left' | 'center' | 'right';
  readonly color?: THREE.ColorRepresentation;
  /** Extra space between lines, metres (line pitch = font line height + interLine). */
  readonly interLine?: number;
}

/** The parts of three-mesh-ui's untyped API this module uses. */
interface MeshUiComponent extends THREE.Object3D {
  set(options: Record<string, unknown>): void;
  frame?: THREE.Object3D;
  /** three-mesh-ui 6.5.4's own hook for a loaded texture (its fontTexture option only takes a URL). */
  _updateFontTexture?(texture: THREE.Texture): void;
}

export function createLabel(context: UiContext, panelSize: { width: number; height: number }, options: LabelOptions): Label {
  // three-mesh-ui's typings say string (a URL); it also takes the loaded json and texture.
  const block = new Block({
    width: options.width,
    height: options.height,
    padding: 0,
    fontFamily: context.fontJson as unknown as string,
    fontSize: options.fontSize ?? context.fontSize,
    justifyContent: options.vertical ?? 'center',
    textAlign: options.align ?? 'left',
    whiteSpace: 'pre',
    interLine: options.interLine ?? 0,
    fontKerning: 'none',
    backgroundOpacity: 0,
    fontColor: new THREE.Color(options.color ?? 0xf2f4f8),
  }) as unknown as MeshUiComponent;
  block._updateFontTexture?.(context.fontTexture);
  // The frame would be one more (invisible) draw call per label.
  if (block.frame) block.frame.visible = false;
  const text = new Text({ content: '' }) as unknown as MeshUiComponent;
  block.add(text);
  // Panel coordinates (top-left origin, y down) -> the panel's local frame (centre origin, y up).
  block.position.set(options.x + options.width / 2 - panelSize.width / 2, panelSize.height / 2 - options.y - options.height / 2, 0.002);
  let wanted = '';
  let shown = '';
  const apply = () => {
    if (wanted === shown) return;
    shown = wanted;
    context.counters.textSets++;
    text.set({ content: shown });
  };
  return {
    object: block,
    get text() {
      return wanted;
    },
    get shown() {
      return shown;
    },
    set(value) {
      const safe = computeSafeText(value, context.charset);
      if (safe === wanted) return;
      wanted = safe;
      // A pending label keeps its place in the queue, so labels changing every frame take turns.
      if (wanted === shown) context.pendingTexts.delete(apply);
      else context.pendingTexts.add(apply);
    },
  };
}

/** Colour change without a text rebuild (three-mesh-ui updates only the material). */
export function setLabelColor(label: Label, color: THREE.ColorRepresentation): void {
  (label.object as unknown as MeshUiComponent).set({ fontColor: new THREE.Color(color) });
}
