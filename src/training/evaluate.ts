import * as tf from '@tensorflow/tfjs';
import type { Batch } from './mnist-batches';

/**
 * Loss and accuracy of a softmax classifier on a fixed set of samples, in chunks so memory stays
 * bounded. Loss is the mean categorical cross-entropy −log p(label), with p clipped at 1e-7 as Keras does.
 */
export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
}

/** Sum of the cross-entropy and count of correct predictions for one batch (two scalars, kept). */
export function computeBatchLossSums(predictions: tf.Tensor, labels: tf.Tensor1D, classes: number): [tf.Scalar, tf.Scalar] {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels, classes);
    const probability = tf.sum(tf.mul(predictions, oneHot), -1);
    const lossSum = tf.sum(tf.neg(tf.log(tf.clipByValue(probability, 1e-7, 1))));
    const correct = tf.sum(tf.cast(tf.equal(tf.argMax(predictions, -1), labels), 'float32'));
    return [lossSum as tf.Scalar, correct as tf.Scalar];
  });
}

export function computeEvaluation(model: tf.LayersModel, samples: Batch, inputShape: readonly number[], chunk = 250): Evaluation {
  const classes = model.outputs[0]!.shape[1] ?? 10;
  const pixels = inputShape.reduce((a, b) => a * b, 1);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < samples.size; start += chunk) {
    const size = Math.min(chunk, samples.size - start);
    const sums = tf.tidy(() => {
      const x = tf.tensor(samples.images.subarray(start * pixels, (start + size) * pixels), [size, ...inputShape]);
      const y = tf.tensor1d(samples.labels.subarray(start, start + size), 'int32');
      const predictions = model.predict(x) as tf.Tensor;
      const [l, c] = computeBatchLossSums(predictions, y, classes);
      return tf.stack([l, c]);
    });
    const values = sums.dataSync();
    sums.dispose();
    lossSum += values[0]!;
    correct += values[1]!;
  }
  return { loss: lossSum / samples.size, accuracy: correct / samples.size };
}
