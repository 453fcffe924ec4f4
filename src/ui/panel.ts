import * as THREE from 'three';
import type { PointerEventInfo, PointerId, PointerRay, PointerTarget } from '../core/pointer-target';
import { createLabel, type Label, type LabelOptions } from './label';
import type { UiContext } from './ui-context';

/**
 * A floating panel: one quad whose CanvasTexture holds every non-text visual (background, buttons,
 * slider, plots, thumbnails, cells) plus a few three-mesh-ui labels on top. The canvas is redrawn
 * only after invalidate(), so an idle panel costs nothing per frame. Implements PointerTarget: the
 * pointer system (mouse, controller rays, hands) hands it events; widgets get them in panel metres.
 */

/** Panel coordinates: metres from the top-left corner, y down. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PanelPointer {
  readonly pointerId: PointerId;
  readonly phase: 'move' | 'down' | 'up' | 'leave';
  readonly x: number;
  readonly y: number;
}

export interface Widget {
  readonly name: string;
  readonly rect: Rect;
  /** Hidden widgets are neither drawn nor hit. */
  visible: boolean;
  draw(ctx: CanvasRenderingContext2D, scale: number): void;
  /** Events while hovered, and after 'down' until 'up' (capture). Return true when the look changed. */
  handle?(event: PanelPointer): boolean;
}

export interface Panel extends PointerTarget {
  readonly name: string;
  readonly object: THREE.Group;
  readonly width: number;
  readonly height: number;
  readonly context: UiContext;
  add<W extends Widget>(widget: W): W;
  label(options: LabelOptions): Label;
  /** Extra drawing below the widgets (plots, thumbnails). */
  setBackgroundDrawer(draw: (ctx: CanvasRenderingContext2D, scale: number) => void): void;
  invalidate(): void;
  /** Redraws the canvas when invalidated; otherwise does nothing. */
  update(): void;
  /**
   * World position of a widget's centre (for tests and automation); 'name@0.25' is a quarter of the
   * way across it; null when unknown or hidden.
   */
  widgetPoint(name: string, out: THREE.Vector3): THREE.Vector3 | null;
  /** Texts of its labels, in creation order. */
  texts(): string[];
  visibleWidgets(): number;
  dispose(): void;
}

export interface PanelOptions {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Canvas pixels per metre. */
  readonly resolution?: number;
  readonly background?: string;
}

const scratchInverse = new THREE.Matrix4();
const scratchRay = new THREE.Ray();
const scratchPoint = new THREE.Vector3();
const scratchOrigin = new THREE.Vector3();

export function createPanel(context: UiContext, options: PanelOptions): Panel {
  const { width, height, name } = options;
  const scale = options.resolution ?? 1600;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  const geometry = new THREE.PlaneGeometry(width, height);
  const material = new THREE.MeshBasicMaterial({ map: texture, toneMapped: false });
  const surface = new THREE.Mesh(geometry, material);
  surface.name = `${name}-surface`;
  const object = new THREE.Group();
  object.name = `panel-${name}`;
  object.add(surface);

  const widgets: Widget[] = [];
  const labels: Label[] = [];
  let drawBackground: ((c: CanvasRenderingContext2D, s: number) => void) | null = null;
  let dirty = true;
  const hovered = new Map<PointerId, Widget | null>();
  const captured = new Map<PointerId, Widget>();

  const widgetAt = (x: number, y: number): Widget | null => {
    for (let i = widgets.length - 1; i >= 0; i--) {
      const w = widgets[i]!;
      const r = w.rect;
      if (w.visible && x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height) return w;
    }
    return null;
  };

  /** Ray -> panel coordinates, written into `panelHit`; returns the world distance or null. */
  const panelHit = { x: 0, y: 0 };
  const intersect = (ray: PointerRay, clampToPlane: boolean): number | null => {
    if (!object.visible || !isShown(object)) return null;
    scratchInverse.copy(surface.matrixWorld).invert();
    scratchRay.origin.set(ray.origin.x, ray.origin.y, ray.origin.z);
    scratchRay.direction.set(ray.direction.x, ray.direction.y, ray.direction.z);
    scratchRay.applyMatrix4(scratchInverse);
    const dz = scratchRay.direction.z;
    if (Math.abs(dz) < 1e-9) return null;
    const t = -scratchRay.origin.z / dz;
    if (t < 0) return null;
    scratchRay.at(t, scratchPoint);
    const x = scratchPoint.x + width / 2;
    const y = height / 2 - scratchPoint.y;
    if (!clampToPlane && (x < 0 || x > width || y < 0 || y > height)) return null;
    panelHit.x = x;
    panelHit.y = y;
    scratchPoint.applyMatrix4(surface.matrixWorld);
    scratchOrigin.set(ray.origin.x, ray.origin.y, ray.origin.z);
    return scratchPoint.distanceTo(scratchOrigin);
  };

  const send = (widget: Widget, pointerId: PointerId, phase: PanelPointer['phase']) => {
    if (widget.handle?.({ pointerId, phase, x: panelHit.x, y: panelHit.y })) dirty = true;
  };

  const panel: Panel = {
    name,
    object,
    width,
    height,
    context,
    add(widget) {
      widgets.push(widget);
      dirty = true;
      return widget;
    },
    label(labelOptions) {
      const label = createLabel(context, { width, height }, labelOptions);
      labels.push(label);
      object.add(label.object);
      return label;
    },
    setBackgroundDrawer(draw) {
      drawBackground = draw;
      dirty = true;
    },
    invalidate() {
      dirty = true;
    },
    update() {
      if (!dirty) return;
      dirty = false;
      context.counters.surfaceDraws++;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = options.background ?? '#1b2230';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.strokeStyle = '#3c4a63';
      ctx.lineWidth = 4;
      ctx.strokeRect(2, 2, canvas.width - 4, canvas.height - 4);
      drawBackground?.(ctx, scale);
      for (const widget of widgets) if (widget.visible) widget.draw(ctx, scale);
      texture.needsUpdate = true;
    },
    raycast(ray) {
      return intersect(ray, false);
    },
    handlePointer(event: PointerEventInfo) {
      const { pointerId, phase } = event;
      const capture = captured.get(pointerId);
      // While captured (dragging), positions beyond the panel edge still count: clamp to the plane.
      if (intersect(event.ray, capture !== undefined) === null && phase !== 'leave') {
        if (!capture) return;
      }
      if (capture) {
        send(capture, pointerId, phase === 'leave' ? 'move' : phase);
        if (phase === 'up') captured.delete(pointerId);
        return;
      }
      const previous = hovered.get(pointerId) ?? null;
      const current = phase === 'leave' ? null : widgetAt(panelHit.x, panelHit.y);
      if (previous && previous !== current) send(previous, pointerId, 'leave');
      hovered.set(pointerId, current);
      if (!current) return;
      send(current, pointerId, phase);
      if (phase === 'down') captured.set(pointerId, current);
    },
    widgetPoint(query, out) {
      const [widgetName, fraction] = query.split('@');
      const widget = widgets.find((w) => w.name === widgetName);
      if (!widget || !widget.visible || !isShown(object)) return null;
      const along = fraction === undefined ? 0.5 : Number(fraction);
      out.set(widget.rect.x + widget.rect.width * along - width / 2, height / 2 - widget.rect.y - widget.rect.height / 2, 0);
      surface.updateWorldMatrix(true, false);
      return out.applyMatrix4(surface.matrixWorld);
    },
    texts() {
      return labels.map((l) => l.text);
    },
    visibleWidgets() {
      return widgets.filter((w) => w.visible).length;
    },
    dispose() {
      geometry.dispose();
      material.dispose();
      texture.dispose();
    },
  };
  return panel;
}

/** True when the object and all its ancestors are visible. */
export function isShown(object: THREE.Object3D): boolean {
  for (let o: THREE.Object3D | null = object; o; o = o.parent) if (!o.visible) return false;
  return true;
}

/** Rounded rectangle path in canvas pixels. */
export function traceRoundRect(ctx: CanvasRenderingContext2D, rect: Rect, scale: number, radius = 0.006): void {
  ctx.beginPath();
  ctx.roundRect(rect.x * scale, rect.y * scale, rect.width * scale, rect.height * scale, radius * scale);
}
