import type { Intent } from '../app/intents';
import type { AppStore } from '../app/store';

/**
 * Desktop keys, all as intents: L cycles the feature-map arrangement of every layer
 * (line -> grid -> circle), Left / Right arrows step epochs, Space plays / pauses,
 * R resets the layout, Escape clears the selection. Keys typed into form fields are left alone.
 */

export function computeKeyIntent(key: string, modifiers: { ctrl: boolean; alt: boolean; meta: boolean }): Intent | null {
  if (modifiers.ctrl || modifiers.alt || modifiers.meta) return null;
  switch (key) {
    case 'l':
    case 'L':
      return { type: 'cycle-arrangement', layerId: 'all' };
    case 'ArrowLeft':
      return { type: 'step-epoch', delta: -1 };
    case 'ArrowRight':
      return { type: 'step-epoch', delta: 1 };
    case ' ':
      return { type: 'toggle-playing' };
    case 'r':
    case 'R':
      return { type: 'reset-layout' };
    case 'Escape':
      return { type: 'clear-selection' };
    default:
      return null;
  }
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function setupKeyboard(store: AppStore, target: Window = window): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return;
    // A focused button would also "click" on Space; the key belongs to playback here.
    const intent = computeKeyIntent(event.key, { ctrl: event.ctrlKey, alt: event.altKey, meta: event.metaKey });
    if (!intent) return;
    event.preventDefault();
    store.dispatch(intent);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
