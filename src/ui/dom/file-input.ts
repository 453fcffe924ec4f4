/**
 * Opening files: an "Open model..." button (file picker, several files at once) and drag-and-drop of
 * files anywhere on the page. A researcher drops model.json with its weight shards (and optionally a
 * labels file and probe images) together, or a LayerWalk recording (.lwrec).
 */
export interface FileInputOptions {
  readonly onFiles: (files: File[]) => void;
}

export function setupFileInput(container: HTMLElement, options: FileInputOptions): () => void {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.accept = '.json,.bin,.lwrec,.txt,image/*';
  input.hidden = true;
  input.id = 'open-files';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'lw-button lw-open-button';
  button.textContent = 'Open model...';
  button.title = 'model.json + weight shards (+ labels.txt, probe images), or a .lwrec recording. You can also drop them on the page.';
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    if (input.files && input.files.length > 0) options.onFiles([...input.files]);
    input.value = '';
  });
  container.append(input, button);

  const hint = document.createElement('div');
  hint.className = 'lw-drop-target';
  hint.textContent = 'Drop model.json with its weight files, or a .lwrec recording';
  hint.hidden = true;
  container.appendChild(hint);
  let depth = 0;
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const onEnter = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    depth++;
    hint.hidden = false;
  };
  const onLeave = () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) hint.hidden = true;
  };
  const onOver = (event: DragEvent) => {
    if (hasFiles(event)) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    hint.hidden = true;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) options.onFiles(files);
  };
  window.addEventListener('dragenter', onEnter);
  window.addEventListener('dragleave', onLeave);
  window.addEventListener('dragover', onOver);
  window.addEventListener('drop', onDrop);
  return () => {
    window.removeEventListener('dragenter', onEnter);
    window.removeEventListener('dragleave', onLeave);
    window.removeEventListener('dragover', onOver);
    window.removeEventListener('drop', onDrop);
    input.remove();
    button.remove();
    hint.remove();
  };
}
