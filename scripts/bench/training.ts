/**
 * Training throughput of the default network: wasm (SIMD, one thread) + our Conv2DBackpropFilter
 * kernel against the stock tfjs cpu backend, same model, same seeded data, same run. The stock cpu
 * part is kept short (it is tens of times slower). Also the cpu fallback with our kernels, the kernel
 * alone against the stock one, and achieved GFLOP/s from the model's FLOP count per training sample.
 * Each step is timed alone: the median is the typical speed on a shared machine, the fastest step
 * the speed closest to an idle one.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { decodeMnist } from '../../src/domain/mnist-format';
import { selectTrainingBackend } from '../../src/training/backend';
import { computeConv2DFilterGrad } from '../../src/training/conv2d-backprop-filter';
import { computeForwardMacs, createDefaultNetwork } from '../../src/training/default-network';
import { createTrainer, type TrainerData } from '../../src/training/trainer';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BATCH = 32;

interface Throughput {
  /** From the median step time: the typical speed on this (shared, noisy) machine. */
  readonly median: number;
  /** From the fastest step: closest to the speed without other load. */
  readonly best: number;
}

/** Samples per second of `batches` training steps (each timed alone) after `warmup` untimed ones. */
function measureTraining(data: TrainerData, warmup: number, batches: number): Throughput {
  const trainer = createTrainer(data, { options: { batchSize: BATCH, samplesPerEpoch: BATCH * (warmup + batches), testSamples: 10, seed: 1 } });
  for (let i = 0; i < warmup; i++) trainer.trainBatch();
  const times: number[] = [];
  for (let i = 0; i < batches; i++) {
    const started = performance.now();
    trainer.trainBatch();
    times.push(performance.now() - started);
  }
  trainer.dispose();
  times.sort((a, b) => a - b);
  const rate = (ms: number) => (BATCH * 1000) / ms;
  return { median: rate(times[Math.floor(times.length / 2)]!), best: rate(times[0]!) };
}

/** Median milliseconds of `run` over `repeats` calls. */
function measureMs(run: () => void, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** conv2's filter gradient for one batch (x 13x13x8, dy 11x11x16), ours vs the stock cpu kernel. */
function measureKernel(stockCpu: boolean): number {
  const x = tf.randomUniform([BATCH, 13, 13, 8], 0, 1, 'float32', 1);
  const dy = tf.randomNormal([BATCH, 11, 11, 16], 0, 1, 'float32', 2);
  const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 8, 16] };
  const run = () => tf.dispose(tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as unknown as tf.NamedAttrMap));
  const ms = measureMs(run, stockCpu ? 3 : 20);
  tf.dispose([x, dy]);
  return ms;
}

export async function run(): Promise<Record<string, unknown>> {
  const data: TrainerData = {
    train: decodeMnist(readFileSync(resolve(root, 'assets/generated/mnist/mnist-train.bin'))),
    test: decodeMnist(readFileSync(resolve(root, 'assets/generated/mnist/mnist-test.bin'))),
  };
  await tf.setBackend('cpu');
  const probe = createDefaultNetwork(1);
  const forwardMacs = computeForwardMacs(probe);
  probe.dispose();
  // Training ≈ forward + two backward products (input and weight gradients) ≈ 3 × forward; 2 FLOP per MAC.
  const trainingFlop = 3 * forwardMacs * 2;
  const gflops = (samplesPerSecond: number) => Number(((samplesPerSecond * trainingFlop) / 1e9).toFixed(3));

  // Stock cpu first: selectTrainingBackend replaces the cpu kernel with ours for the rest of the process.
  process.stderr.write('bench training: stock cpu backend (3 batches)...\n');
  const stockKernelMs = measureKernel(true);
  const stockCpu = measureTraining(data, 1, 3);

  process.stderr.write('bench training: cpu backend + our kernels...\n');
  await selectTrainingBackend({ prefer: 'cpu' });
  const ourKernelCpuMs = measureKernel(false);
  const ourCpu = measureTraining(data, 1, 8);

  process.stderr.write('bench training: wasm + our kernel...\n');
  const wasm = await selectTrainingBackend({ wasmPaths: resolve(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/' });
  if (wasm.name !== 'wasm') throw new Error(`wasm did not start: ${wasm.fallbackReason ?? 'unknown reason'}`);
  const ourKernelWasmMs = measureKernel(false);
  const wasmSamples = measureTraining(data, 5, 60);

  // The pure loop on plain arrays, for its GMAC/s (conv2's geometry, no zeros to skip).
  const geometry = { batch: BATCH, inHeight: 13, inWidth: 13, inChannels: 8, outHeight: 11, outWidth: 11, outChannels: 16, filterHeight: 3, filterWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
  const xs = Float32Array.from({ length: BATCH * 13 * 13 * 8 }, (_, i) => ((i * 7919) % 101) / 101 + 0.01);
  const dys = Float32Array.from({ length: BATCH * 11 * 11 * 16 }, (_, i) => ((i * 104729) % 103) / 103 - 0.5);
  const dw = new Float32Array(3 * 3 * 8 * 16);
  const loopMs = measureMs(() => computeConv2DFilterGrad(xs, dys, geometry, dw), 30);
  const loopMacs = BATCH * 11 * 11 * 9 * 8 * 16;

  const round = (value: number) => (value >= 100 ? Math.round(value) : Number(value.toFixed(1)));
  return {
    backend: `${wasm.name}${wasm.simd ? '+simd' : ''}, threads ${wasm.threads ? 'on' : 'off'}`,
    batch_size: BATCH,
    model_forward_macs_per_sample: forwardMacs,
    model_training_flop_per_sample: trainingFlop,
    wasm_our_kernel_samples_per_s: round(wasmSamples.median),
    wasm_our_kernel_samples_per_s_best_step: round(wasmSamples.best),
    stock_cpu_samples_per_s: round(stockCpu.median),
    stock_cpu_samples_per_s_best_step: round(stockCpu.best),
    cpu_our_kernels_samples_per_s: round(ourCpu.median),
    ratio_wasm_vs_stock_cpu: round(wasmSamples.median / stockCpu.median),
    ratio_cpu_our_kernels_vs_stock_cpu: round(ourCpu.median / stockCpu.median),
    wasm_our_kernel_gflop_per_s: gflops(wasmSamples.median),
    wasm_our_kernel_gflop_per_s_best_step: gflops(wasmSamples.best),
    stock_cpu_gflop_per_s: gflops(stockCpu.median),
    cpu_our_kernels_gflop_per_s: gflops(ourCpu.median),
    conv2_filter_grad_stock_cpu_ms: Number(stockKernelMs.toFixed(2)),
    conv2_filter_grad_ours_cpu_ms: Number(ourKernelCpuMs.toFixed(2)),
    conv2_filter_grad_ours_wasm_ms: Number(ourKernelWasmMs.toFixed(2)),
    ratio_filter_grad_ours_vs_stock: Number((stockKernelMs / ourKernelWasmMs).toFixed(1)),
    filter_grad_loop_gmac_per_s: Number((loopMacs / loopMs / 1e6).toFixed(2)),
  };
}
