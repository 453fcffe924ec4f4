import * as tf from '@tensorflow/tfjs';

/** Models the import tests build for real: the default MNIST CNN, a branched residual net, an RGB net, a VGG-like stack. */

export function createMnistCnn(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** input 8x8x3 -> stem conv -> (conv, bn) + stem -> relu; concat with a depthwise side branch; pad, pool, dense 3. */
export function createResidualNet(): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 3], name: 'image' });
  const stem = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', name: 'stem' }).apply(input) as tf.SymbolicTensor;
  const conv = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', name: 'res_conv' }).apply(stem) as tf.SymbolicTensor;
  const bn = tf.layers.batchNormalization({ name: 'res_bn' }).apply(conv) as tf.SymbolicTensor;
  const add = tf.layers.add({ name: 'res_add' }).apply([bn, stem]) as tf.SymbolicTensor;
  const relu = tf.layers.reLU({ name: 'res_relu' }).apply(add) as tf.SymbolicTensor;
  const side = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 1, name: 'side_dw' }).apply(
    tf.layers.conv2d({ filters: 4, kernelSize: 1, name: 'side_in' }).apply(input) as tf.SymbolicTensor,
  ) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ name: 'cat' }).apply([relu, side]) as tf.SymbolicTensor;
  const pad = tf.layers.zeroPadding2d({ padding: [[1, 1], [2, 2]], name: 'pad' }).apply(cat) as tf.SymbolicTensor;
  const leaky = tf.layers.leakyReLU({ name: 'leaky' }).apply(pad) as tf.SymbolicTensor;
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(leaky) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }).apply(gap) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'residual' });
}

/** A small colour classifier on 64x64x3 images: conv, batch norm, pooling, dropout, dense. */
export function createRgbNet(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [64, 64, 3], filters: 8, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', name: 'rgb_conv1' }),
      tf.layers.batchNormalization({ name: 'rgb_bn' }),
      tf.layers.averagePooling2d({ poolSize: 2, name: 'rgb_pool' }),
      tf.layers.separableConv2d({ filters: 16, kernelSize: 3, activation: 'relu', name: 'rgb_sep' }),
      tf.layers.globalMaxPooling2d({ name: 'rgb_gmp' }),
      tf.layers.dropout({ rate: 0.5, name: 'rgb_drop' }),
      tf.layers.dense({ units: 5, activation: 'softmax', name: 'rgb_out' }),
    ],
  });
}

/**
 * VGG16's real sizes with one conv a block instead of two or three: 224x224x3 in, 64..512-channel 3x3
 * convs each followed by 2x2 max-pooling, then dense layers (fc1 narrowed to 256 to keep weights small).
 */
export function createVggLikeNet(): tf.Sequential {
  const layers: tf.layers.Layer[] = [];
  const widths = [64, 128, 256, 512, 512];
  widths.forEach((filters, b) => {
    layers.push(
      tf.layers.conv2d({
        ...(b === 0 ? { inputShape: [224, 224, 3] } : {}),
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        name: `block${b + 1}_conv1`,
      }),
      tf.layers.maxPooling2d({ poolSize: 2, name: `block${b + 1}_pool` }),
    );
  });
  layers.push(
    tf.layers.flatten({ name: 'flatten' }),
    tf.layers.dense({ units: 256, activation: 'relu', name: 'fc1' }),
    tf.layers.dense({ units: 1000, activation: 'softmax', name: 'predictions' }),
  );
  return tf.sequential({ layers, name: 'vgg_like' });
}
