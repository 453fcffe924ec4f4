/**
 * "Enter VR" / "Enter AR" buttons, shown only for the session modes the browser supports,
 * and an "Exit" label while presenting.
 */
export interface SessionButtonsOptions {
  readonly supported: { vr: boolean; ar: boolean };
  readonly onEnter: (mode: 'vr' | 'ar') => void;
  readonly onExit: () => void;
}

export interface SessionButtons {
  setPresenting(mode: 'none' | 'vr' | 'ar'): void;
  dispose(): void;
}

export function createSessionButtons(container: HTMLElement, options: SessionButtonsOptions): SessionButtons {
  const bar = document.createElement('div');
  bar.className = 'lw-session-buttons';
  const buttons: Partial<Record<'vr' | 'ar', HTMLButtonElement>> = {};
  let presenting: 'none' | 'vr' | 'ar' = 'none';
  for (const mode of ['vr', 'ar'] as const) {
    if (!options.supported[mode]) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.id = `enter-${mode}`;
    button.className = 'lw-button';
    button.textContent = `Enter ${mode.toUpperCase()}`;
    button.addEventListener('click', () => (presenting === 'none' ? options.onEnter(mode) : options.onExit()));
    bar.appendChild(button);
    buttons[mode] = button;
  }
  container.appendChild(bar);
  return {
    setPresenting(mode) {
      presenting = mode;
      for (const key of ['vr', 'ar'] as const) {
        const button = buttons[key];
        if (!button) continue;
        button.textContent = mode === 'none' ? `Enter ${key.toUpperCase()}` : `Exit ${mode.toUpperCase()}`;
        button.disabled = mode !== 'none' && mode !== key;
      }
    },
    dispose() {
      bar.remove();
    },
  };
}
