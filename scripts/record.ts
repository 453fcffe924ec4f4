/**
 * `npm run record -- [--epochs 20] [--samples-per-epoch N] [--batch-size N] [--learning-rate X]
 *                    [--seed S] [--out path]`
 *
 * Trains the default network in node (wasm backend + our Conv2DBackpropFilter kernel) and writes a
 * recording: epoch 0 (untrained) through epoch --epochs. Seeded initialisers and a seeded data
 * order make it reproducible: the same arguments write the same file. Progress goes to stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeMnist } from '../src/domain/mnist-format';
import type { EpochSnapshot, Recording } from '../src/domain/recording';
import { encodeRecording } from '../src/snapshot';
import { selectTrainingBackend } from '../src/training/backend';
import { computeEvaluation } from '../src/training/evaluate';
import { createFixedSubset } from '../src/training/mnist-batches';
import { createTrainer } from '../src/training/trainer';
import { DEFAULT_TRAINER_OPTIONS } from '../src/training/trainer-options';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

const { values } = parseArgs({
  options: {
    epochs: { type: 'string' },
    'samples-per-epoch': { type: 'string' },
    'batch-size': { type: 'string' },
    'learning-rate': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
});
const epochs = parseNumber('epochs', values.epochs, 20);
if (!Number.isInteger(epochs) || epochs < 1 || epochs > 500) throw new Error(`--epochs must be an integer in 1..500, got ${epochs}`);
const options = {
  samplesPerEpoch: parseNumber('samples-per-epoch', values['samples-per-epoch'], DEFAULT_TRAINER_OPTIONS.samplesPerEpoch),
  batchSize: parseNumber('batch-size', values['batch-size'], DEFAULT_TRAINER_OPTIONS.batchSize),
  learningRate: parseNumber('learning-rate', values['learning-rate'], DEFAULT_TRAINER_OPTIONS.learningRate),
  seed: parseNumber('seed', values.seed, DEFAULT_TRAINER_OPTIONS.seed),
};
const out = resolve(values.out ?? resolve(root, 'assets/recordings/mnist-default.lwrec'));

const readSplit = (name: string) => {
  const path = resolve(root, `assets/generated/mnist/mnist-${name}.bin`);
  try {
    return decodeMnist(readFileSync(path));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)} (run npm run prepare-assets)`);
  }
};

const backend = await selectTrainingBackend({ wasmPaths: resolve(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/' });
process.stderr.write(`record: backend ${backend.name}${backend.simd ? ' (SIMD)' : ''}, threads off; ${JSON.stringify(options)}\n`);
const test = readSplit('test');
const trainer = createTrainer({ train: readSplit('train'), test }, { options });
const started = performance.now();
const snapshots: EpochSnapshot[] = [await trainer.snapshot()];
const log = (s: EpochSnapshot) =>
  process.stderr.write(
    `record: epoch ${String(s.epoch).padStart(2)}  train loss ${s.metrics.trainLoss.toFixed(4)} acc ${s.metrics.trainAccuracy.toFixed(4)}` +
      `  test loss ${s.metrics.testLoss.toFixed(4)} acc ${s.metrics.testAccuracy.toFixed(4)}  ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
log(snapshots[0]!);
while (trainer.epoch < epochs) {
  while (!trainer.trainBatch().epochComplete) {
    /* one batch per iteration */
  }
  const snapshot = await trainer.completeEpoch();
  snapshots.push(snapshot);
  log(snapshot);
}
// The recorded test metrics use the fixed 1,000-sample subset; the whole test split, for the log.
const full = computeEvaluation(trainer.model, createFixedSubset(test, test.count), [test.rows, test.cols, 1]);
process.stderr.write(`record: final network on all ${test.count} test images: loss ${full.loss.toFixed(4)}, accuracy ${full.accuracy.toFixed(4)}\n`);
const recording: Recording = { network: trainer.network, dataset: trainer.dataset, probes: trainer.probes, epochs: snapshots };
const bytes = encodeRecording(recording);
trainer.dispose();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
process.stderr.write(`record: wrote ${out}: ${snapshots.length} epochs, ${(bytes.byteLength / 1024).toFixed(0)} KiB\n`);
