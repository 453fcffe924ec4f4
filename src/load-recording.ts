import type { Recording } from './domain/recording';
import { decodeRecording } from './snapshot/index';

/** Fetching a recording file with progress, then decoding it (which validates it whole). */

export class RecordingLoadError extends Error {
  override name = 'RecordingLoadError';
}

export type ProgressCallback = (label: string, fraction: number) => void;

export const DEFAULT_RECORDING_URL = `${import.meta.env.BASE_URL}recordings/mnist-default.lwrec`;

export async function fetchBytes(url: string, label: string, onProgress: ProgressCallback): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new RecordingLoadError(`${label}: could not fetch ${url} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!response.ok) throw new RecordingLoadError(`${label}: ${url} answered ${response.status} ${response.statusText}`);
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(`${label} (${(received / 1e6).toFixed(1)} MB)`, total ? received / total : 0);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function loadRecordingFromUrl(url: string, onProgress: ProgressCallback): Promise<Recording> {
  const name = url.split('/').pop() ?? url;
  const bytes = await fetchBytes(url, `Loading ${name}`, onProgress);
  onProgress(`Decoding ${name}`, 1);
  try {
    return decodeRecording(bytes);
  } catch (error) {
    throw new RecordingLoadError(`${name} is not a valid LayerWalk recording: ${error instanceof Error ? error.message : String(error)}`);
  }
}
