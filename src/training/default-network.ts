/**
 * The default teaching network: a classic small MNIST CNN a beginner can read layer by layer.
 *
 *   input 28x28x1 → conv1 8@3x3 ReLU → pool1 2x2 → conv2 16@3x3 ReLU → pool2 2x2 → flatten
 *   → dense1 64 ReLU → output 10 softmax
 *
 * Shapes: 28² → 26²x8 → 13²x8 → 11²x16 → 5²x16 → 400 → 64 → 10; 27,562 parameters.
 * Every initialiser is seeded, so the same seed gives the same untrained network bit for bit.
 */
import * as tf from '@tensorflow/tfjs';

export const DEFAULT_NETWORK_NAME = 'mnist-cnn';
export const MNIST_CLASS_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Builds the default network (uncompiled: the trainer owns the optimiser). */
export function createDefaultNetwork(seed = 1): tf.LayersModel {
  // He initialisation suits ReLU layers; Glorot the softmax output. Distinct seeds per layer.
  const he = (offset: number) => tf.initializers.heNormal({ seed: seed * 101 + offset });
  const input = tf.input({ shape: [28, 28, 1], name: 'input' });
  const conv1 = tf.layers
    .conv2d({ name: 'conv1', filters: 8, kernelSize: 3, activation: 'relu', padding: 'valid', kernelInitializer: he(1) })
    .apply(input) as tf.SymbolicTensor;
  const pool1 = tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2, strides: 2 }).apply(conv1) as tf.SymbolicTensor;
  const conv2 = tf.layers
    .conv2d({ name: 'conv2', filters: 16, kernelSize: 3, activation: 'relu', padding: 'valid', kernelInitializer: he(2) })
    .apply(pool1) as tf.SymbolicTensor;
  const pool2 = tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2, strides: 2 }).apply(conv2) as tf.SymbolicTensor;
  const flatten = tf.layers.flatten({ name: 'flatten' }).apply(pool2) as tf.SymbolicTensor;
  const dense1 = tf.layers
    .dense({ name: 'dense1', units: 64, activation: 'relu', kernelInitializer: he(3) })
    .apply(flatten) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({
      name: 'output',
      units: 10,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 101 + 4 }),
    })
    .apply(dense1) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: DEFAULT_NETWORK_NAME });
}

/**
 * Multiply-accumulates of one forward pass of a sequential conv/dense model, from its layer configs.
 * Conv2D: outH·outW·filters·(kh·kw·inChannels); Dense: in·units. Pooling and activations are ignored
 * (they do no multiplies worth counting).
 */
export function computeForwardMacs(model: tf.LayersModel): number {
  let macs = 0;
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className !== 'Conv2D' && className !== 'Dense') continue;
    const kernel = layer.getWeights()[0];
    if (!kernel) continue;
    const outShape = layer.outputShape as (number | null)[];
    const outSize = outShape.slice(1, -1).reduce<number>((a, d) => a * (d ?? 1), 1);
    macs += outSize * kernel.size; // kernel.size = kh·kw·in·out (conv) or in·units (dense)
  }
  return macs;
}
