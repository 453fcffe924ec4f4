/**
 * The visible list of user-facing errors and notices (bad files, no WebXR, unsupported layers...).
 * Errors stay until dismissed; notices fade after a while. Every message is also kept in `history`
 * for the automation API.
 */

export type MessageLevel = 'error' | 'notice';

export interface UserMessage {
  readonly level: MessageLevel;
  readonly text: string;
  /** ms since page load. */
  readonly time: number;
}

export interface MessageSurface {
  show(level: MessageLevel, text: string): void;
  readonly history: readonly UserMessage[];
  /** Newest messages, for in-headset display. */
  onMessage(listener: (message: UserMessage) => void): () => void;
}

const NOTICE_MS = 8000;

export function createMessageSurface(container: HTMLElement): MessageSurface {
  const list = document.createElement('div');
  list.className = 'lw-messages';
  list.setAttribute('role', 'status');
  list.setAttribute('aria-live', 'polite');
  container.appendChild(list);
  const history: UserMessage[] = [];
  const listeners = new Set<(message: UserMessage) => void>();

  return {
    history,
    show(level, text) {
      const message: UserMessage = { level, text, time: performance.now() };
      history.push(message);
      const item = document.createElement('div');
      item.className = `lw-message lw-message-${level}`;
      item.textContent = text;
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = '×';
      close.title = 'Dismiss';
      close.addEventListener('click', () => item.remove());
      item.appendChild(close);
      list.appendChild(item);
      if (level === 'notice') setTimeout(() => item.remove(), NOTICE_MS);
      for (const listener of listeners) listener(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A message for anything thrown: typed errors carry their own clear text. */
export function computeErrorText(context: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `${context}: ${detail}`;
}
