/**
 * For a user's model: how image pixels (0..255) become network input. Models are trained with one
 * of these; the wrong one gives nonsense activations, so it is shown next to the model and can be
 * changed (which imports the probes again). Hidden for recordings, whose probes are fixed.
 */
export interface InputScalingSelect {
  show(current: string, choices: readonly string[]): void;
  hide(): void;
}

export function createInputScalingSelect(container: HTMLElement, onChange: (scaling: string) => void): InputScalingSelect {
  const label = document.createElement('label');
  label.className = 'lw-input-scaling';
  label.textContent = 'Input scaling ';
  label.title = 'How 0..255 pixels are mapped to the network input; pick what the model was trained with.';
  const select = document.createElement('select');
  select.id = 'input-scaling';
  label.appendChild(select);
  label.hidden = true;
  container.appendChild(label);
  select.addEventListener('change', () => onChange(select.value));
  return {
    show(current, choices) {
      select.replaceChildren(...choices.map((choice) => new Option(choice, choice, choice === current, choice === current)));
      label.hidden = false;
    },
    hide() {
      label.hidden = true;
    },
  };
}
