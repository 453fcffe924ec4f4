import { describe, expect, it } from 'vitest';
import { decodeRecording, encodeRecording } from '../../../src/snapshot/index';
import { createForwardRecording } from './fixtures/synthetic-recording';

describe('size and speed of a default-network recording', () => {
  it('21 epochs x 20 probes of realistic (forward-pass, ReLU-sparse) activations encode under 4 MB and decode well under a second', () => {
    const recording = createForwardRecording(61, 21, 20);
    // The fixture is realistic: ReLU leaves a good share of conv1 exactly zero, but far from all.
    let zeros = 0, total = 0;
    for (const values of recording.epochs[20]!.activations[1]!) for (const x of values) { total++; if (x === 0) zeros++; }
    expect(zeros / total).toBeGreaterThan(0.2);
    expect(zeros / total).toBeLessThan(0.8);

    const bytes = encodeRecording(recording);
    const started = performance.now();
    const decoded = decodeRecording(bytes);
    const decodeMs = performance.now() - started;
    console.log(`default-size recording: ${bytes.length} bytes (${Math.round(bytes.length / 21)} per epoch), decode ${decodeMs.toFixed(0)} ms`);
    expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
    expect(decoded.epochs.length).toBe(21);
    // Generous for a shared 2-core machine; the benchmark reports the real figure.
    expect(decodeMs).toBeLessThan(1000);
  });
});
