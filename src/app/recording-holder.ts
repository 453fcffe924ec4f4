import type { EpochSnapshot, Recording } from '../domain/recording';
import type { NetworkSummary } from './state';

/**
 * Holds the recording being viewed: the heavy data (weights, activations) that is not app state.
 * Live training appends epochs here; a newly loaded recording replaces it only once it has fully
 * validated, so a bad file never leaves a half-loaded network.
 */
export interface RecordingHolder {
  readonly current: Recording | null;
  /** Replaces the recording; listeners get it after the swap. */
  replace(recording: Recording): void;
  append(epoch: EpochSnapshot): void;
  epoch(index: number): EpochSnapshot | null;
  onChange(listener: (recording: Recording, change: 'replaced' | 'appended') => void): () => void;
}

export function createRecordingHolder(): RecordingHolder {
  let current: Recording | null = null;
  const listeners = new Set<(recording: Recording, change: 'replaced' | 'appended') => void>();
  const notify = (change: 'replaced' | 'appended') => {
    for (const listener of listeners) listener(current!, change);
  };
  return {
    get current() {
      return current;
    },
    replace(recording) {
      current = recording;
      notify('replaced');
    },
    append(epoch) {
      if (!current) throw new Error('no recording to append an epoch to');
      current = { ...current, epochs: [...current.epochs, epoch] };
      notify('appended');
    },
    epoch(index) {
      return current?.epochs[index] ?? null;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The serialisable summary of a recording's network for app state. */
export function computeNetworkSummary(recording: Recording, source: string): NetworkSummary {
  const { network } = recording;
  return {
    name: network.name,
    source,
    inputScaling: recording.probes.normalisation,
    classNames: [...network.classNames],
    layers: network.layers.map((layer) => ({
      id: layer.id,
      name: layer.name,
      kind: layer.kind,
      outputShape: [...layer.outputShape],
      cap: layer.cap?.note ?? null,
    })),
  };
}
