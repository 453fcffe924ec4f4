/**
 * The tfjs wasm binaries as URLs on our own origin (vite copies them into the build and hashes the
 * names), for setWasmPaths in the browser: nothing is fetched from a CDN. Browser/worker only: node
 * passes the package's dist/ directory instead.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const WASM_URLS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  // Never loaded (threads are off, see backend.ts) but setWasmPaths wants every name mapped.
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};
