import type { AppStore } from '../app/store';

/**
 * The keyboard help: a DOM overlay listing the desktop shortcuts, toggled with '?' or 'H'. The
 * network keys themselves (Space, arrows, L, R, Escape) live in src/xr/setup-keyboard.ts; this
 * module adds only 'C' (collapse or expand the layer last pointed at or selected), which no other
 * module handles.
 */
export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Space', 'play / pause the epochs'],
  ['Left / Right', 'previous / next epoch'],
  ['L', 'cycle layout: line, grid, circle'],
  ['C', 'collapse / expand the pointed layer'],
  ['R', 'reset the layout'],
  ['Esc', 'clear the selection'],
  ['? or H', 'show / hide this help'],
  ['Mouse', 'drag to orbit, wheel to zoom, click panels and cells'],
];

export interface HelpOverlay {
  readonly element: HTMLElement;
  toggle(show?: boolean): void;
  readonly visible: boolean;
}

export function createHelpOverlay(container: HTMLElement): HelpOverlay {
  const element = document.createElement('div');
  element.className = 'lw-help';
  element.id = 'lw-help';
  element.hidden = true;
  element.setAttribute('role', 'dialog');
  element.setAttribute('aria-label', 'Keyboard shortcuts');
  Object.assign(element.style, {
    position: 'absolute', right: '16px', top: '16px', padding: '12px 16px', background: 'rgba(20, 26, 38, 0.92)',
    color: '#e8edf6', font: '14px/1.5 system-ui, sans-serif', borderRadius: '8px', zIndex: '10', pointerEvents: 'auto',
  } satisfies Partial<CSSStyleDeclaration>);
  const title = document.createElement('strong');
  title.textContent = 'Shortcuts';
  element.appendChild(title);
  const list = document.createElement('dl');
  list.style.margin = '6px 0 0';
  for (const [key, action] of SHORTCUTS) {
    const dt = document.createElement('dt');
    dt.textContent = key;
    dt.style.cssText = 'float:left; clear:left; width: 110px; font-weight: 600';
    const dd = document.createElement('dd');
    dd.textContent = action;
    dd.style.margin = '0 0 0 110px';
    list.append(dt, dd);
  }
  element.appendChild(list);
  container.appendChild(element);
  return {
    element,
    get visible() {
      return !element.hidden;
    },
    toggle(show) {
      element.hidden = !(show ?? element.hidden);
    },
  };
}

/** '?'/'H' toggle the help; 'C' collapses the layer last pointed at or selected (else all). */
export function setupUiKeys(store: AppStore, help: HelpOverlay, shownLayer: () => number | null, target: Window = window): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const t = event.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable)) return;
    if (event.key === '?' || event.key === 'h' || event.key === 'H') {
      help.toggle();
      event.preventDefault();
    } else if (event.key === 'c' || event.key === 'C') {
      const layerId = shownLayer();
      if (layerId !== null) store.dispatch({ type: 'toggle-collapsed', layerId });
      else {
        const views = store.getState().layerViews;
        store.dispatch({ type: 'set-collapsed', layerId: 'all', collapsed: !views.every((v) => v.collapsed) });
      }
      event.preventDefault();
    }
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
