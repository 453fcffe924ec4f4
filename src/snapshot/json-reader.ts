import { fail } from './errors';
import { MAX_RANK, MAX_TENSOR_VALUES } from './limits';

/**
 * Typed access to parsed JSON: every getter checks the type and names the field's path in its
 * message ("header: network.layers[3].outputShape must be ..."), so a header with a missing or
 * mistyped field fails with 'bad-header' instead of a TypeError later.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export function parseJson(bytes: Uint8Array, what: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail('bad-header', `${what}: not valid UTF-8`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    fail('bad-header', `${what}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('bad-header', `${path} must be an object`);
  return value as JsonObject;
}

export function asArray(value: unknown, path: string, maxLength: number): readonly unknown[] {
  if (!Array.isArray(value)) fail('bad-header', `${path} must be an array`);
  if (value.length > maxLength) fail('too-large', `${path} has ${value.length} entries, more than the limit of ${maxLength}`);
  return value;
}

export function asString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail('bad-header', `${path} must be a string`);
  return value;
}

export function asInt(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail('bad-header', `${path} must be an integer in ${min}..${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A number, or null standing for NaN (JSON has no NaN). */
export function asNumberOrNaN(value: unknown, path: string): number {
  if (value === null) return Number.NaN;
  if (typeof value !== 'number') fail('bad-header', `${path} must be a number or null`);
  return value;
}

export function asIntArray(value: unknown, path: string, min: number, maxLength: number): number[] {
  return asArray(value, path, maxLength).map((entry, i) => asInt(entry, `${path}[${i}]`, min));
}

/** A shape: up to MAX_RANK positive integers whose product is at most MAX_TENSOR_VALUES. */
export function asShape(value: unknown, path: string): number[] {
  const shape = asIntArray(value, path, 1, MAX_RANK);
  let size = 1;
  for (const dim of shape) {
    size *= dim;
    if (size > MAX_TENSOR_VALUES) fail('too-large', `${path} [${shape.join(', ')}] has more than ${MAX_TENSOR_VALUES} values`);
  }
  return shape;
}

export function asPair(value: unknown, path: string, min: number): [number, number] {
  const pair = asIntArray(value, path, min, 2);
  if (pair.length !== 2) fail('bad-header', `${path} must have 2 entries`);
  return [pair[0]!, pair[1]!];
}
