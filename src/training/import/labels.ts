import { ModelImportError } from './model-import-error';

/**
 * Class names from a labels file: one name a line (blank lines at the end ignored), a JSON array of
 * names, or a JSON object mapping names to indices ({"cat": 0, "dog": 1}, Keras' class_indices) or
 * indices to names ({"0": "cat"}).
 */
export function parseLabels(text: string, fileName: string): string[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseJsonLabels(trimmed, fileName);
  const lines = trimmed.split(/\r?\n/).map((line) => line.trim());
  if (lines.length === 0 || lines.every((line) => line === '')) {
    throw new ModelImportError('labels-mismatch', `${fileName} holds no class names`, fileName);
  }
  return lines;
}

function parseJsonLabels(text: string, fileName: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelImportError('bad-json', `${fileName} is not valid JSON: ${(error as Error).message}`, fileName);
  }
  if (Array.isArray(json)) {
    if (json.length > 0 && json.every((item) => typeof item === 'string' || typeof item === 'number')) return json.map(String);
    throw new ModelImportError('labels-mismatch', `${fileName} must be a list of class names`, fileName);
  }
  const entries = Object.entries(json as Record<string, unknown>);
  if (entries.length === 0) throw new ModelImportError('labels-mismatch', `${fileName} holds no class names`, fileName);
  const names: string[] = [];
  const place = (index: number, name: string): void => {
    if (!Number.isInteger(index) || index < 0 || names[index] !== undefined) {
      throw new ModelImportError('labels-mismatch', `${fileName}: class index ${index} is invalid or given twice`, fileName);
    }
    names[index] = name;
  };
  if (entries.every(([, value]) => typeof value === 'number')) for (const [name, index] of entries) place(index as number, name);
  else if (entries.every(([key, value]) => /^\d+$/.test(key) && typeof value === 'string')) for (const [index, name] of entries) place(Number(index), name as string);
  else throw new ModelImportError('labels-mismatch', `${fileName} must map class names to indices or indices to names`, fileName);
  for (let i = 0; i < names.length; i++) {
    if (names[i] === undefined) throw new ModelImportError('labels-mismatch', `${fileName} has no name for class ${i}`, fileName);
  }
  return names;
}

/** Whether a JSON value looks like a labels list rather than a model.json. */
export function computeIsLabelsJson(json: unknown): boolean {
  if (Array.isArray(json)) return true;
  if (typeof json !== 'object' || json === null) return false;
  const values = Object.values(json);
  return values.length > 0 && (values.every((v) => typeof v === 'number') || values.every((v) => typeof v === 'string'));
}
