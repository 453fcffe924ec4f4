/**
 * Picks the tfjs backend training runs on: wasm (SIMD when the engine has it) with our
 * Conv2DBackpropFilter and MaxPoolGrad kernels, or the cpu backend (with the same kernels, plus our
 * Conv2DBackpropInput) where wasm cannot start.
 *
 * Wasm multithreading is switched OFF on purpose: the threaded build needs cross-origin isolation
 * (SharedArrayBuffer) and broke in a minified production build when tried; training already runs in
 * its own worker, and the small kernels of the default net gain little from XNNPACK's thread pool.
 */
import * as tf from '@tensorflow/tfjs';
import { setupConv2DBackpropFilterKernel, setupConv2DBackpropInputKernel, setupMaxPoolGradKernel } from './gradient-kernels';

export type TrainingBackendName = 'wasm' | 'cpu';

export interface TrainingBackendOptions {
  /**
   * Where the .wasm binaries are: a directory prefix ending in '/' (node: the package's dist/ folder)
   * or a map from binary name to URL (browser: vite `?url` imports, see wasm-urls.ts).
   */
  readonly wasmPaths?: string | Record<string, string>;
  /** 'cpu' skips wasm entirely (tests, benchmark baselines). Default 'wasm'. */
  readonly prefer?: TrainingBackendName;
}

export interface TrainingBackendInfo {
  readonly name: TrainingBackendName;
  readonly simd: boolean;
  /** Always false: see the note at the top of this file. */
  readonly threads: boolean;
  /** Why wasm was not used, when it was wanted but the cpu backend runs. */
  readonly fallbackReason?: string;
}

let cpuKernelsRegistered = false;
let wasmReady: Promise<true | string> | undefined;

/** Our kernels for one backend; they stay for the life of the process. */
function registerKernels(backend: TrainingBackendName): void {
  setupConv2DBackpropFilterKernel(backend);
  setupMaxPoolGradKernel(backend);
  // Only on cpu: there it is 2-3x faster than the stock kernel; wasm's own (C++) is as fast as ours.
  if (backend === 'cpu') setupConv2DBackpropInputKernel('cpu');
}

/**
 * Loads the wasm backend (imported on demand: a bundler that cannot load it leaves training on cpu
 * with the reason, instead of a dead worker) and switches to it. Resolves true, or why it failed.
 */
function startWasm(options: TrainingBackendOptions): Promise<true | string> {
  wasmReady ??= (async (): Promise<true | string> => {
    try {
      const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
      registerKernels('wasm'); // after the import: the package registers its own kernels when loaded
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
      return (await tf.setBackend('wasm')) ? true : 'the wasm backend failed to start (no WebAssembly, or the .wasm file could not be loaded)';
    } catch (error) {
      return `the wasm backend could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    }
  })();
  return wasmReady;
}

/** Switches tfjs to the training backend and reports which one runs. Safe to call repeatedly. */
export async function selectTrainingBackend(options: TrainingBackendOptions = {}): Promise<TrainingBackendInfo> {
  if (!cpuKernelsRegistered) {
    cpuKernelsRegistered = true;
    registerKernels('cpu');
  }
  let fallbackReason: string | undefined;
  if ((options.prefer ?? 'wasm') === 'wasm') {
    const started = await startWasm(options);
    if (started === true) {
      if (tf.getBackend() !== 'wasm') await tf.setBackend('wasm');
      await tf.ready();
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
      return { name: 'wasm', simd, threads: false };
    }
    fallbackReason = started;
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('neither the wasm nor the cpu tfjs backend could start');
  await tf.ready();
  return fallbackReason === undefined
    ? { name: 'cpu', simd: false, threads: false }
    : { name: 'cpu', simd: false, threads: false, fallbackReason };
}
