/** The DOM progress bar for anything slow (loading a recording or a model). */
export interface ProgressIndicator {
  /** fraction in 0..1; null hides the bar. */
  set(label: string | null, fraction?: number): void;
}

export function createProgressIndicator(element: HTMLElement): ProgressIndicator {
  const label = element.querySelector<HTMLElement>('.lw-progress-label')!;
  const bar = element.querySelector<HTMLElement>('.lw-progress-bar > div')!;
  return {
    set(text, fraction = 0) {
      element.hidden = text === null;
      if (text === null) return;
      label.textContent = text;
      bar.style.width = `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
    },
  };
}
