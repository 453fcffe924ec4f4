import type { MnistSplit } from '../../domain/mnist-format';
import type { ProbeSet } from '../../domain/recording';
import { computeAreaDownsample } from './display-caps';

/**
 * Probe inputs for an imported model, as pure functions (node-testable): user images resized and
 * normalised to the model's input, the MNIST probe set, or generated patterns.
 * All start from 0..255 pixel values and map them with the chosen normalisation.
 */

export type Normalisation = '0..1' | '-1..1' | '0..255';

export const NORMALISATIONS: readonly Normalisation[] = ['0..1', '-1..1', '0..255'];

/** Pixel value 0..255 -> network input. */
export function computeNormalised(value: number, normalisation: Normalisation): number {
  if (normalisation === '0..1') return value / 255;
  if (normalisation === '-1..1') return value / 127.5 - 1;
  return value;
}

/** The image a model input is: [h, w, c] for images, [h, w] as one channel, a square vector as a side x side map. */
export function computeProbeGeometry(inputShape: readonly number[]): { height: number; width: number; channels: number } | null {
  if (inputShape.length === 3) return { height: inputShape[0]!, width: inputShape[1]!, channels: inputShape[2]! };
  if (inputShape.length === 2) return { height: inputShape[0]!, width: inputShape[1]!, channels: 1 };
  if (inputShape.length === 1) {
    const side = Math.round(Math.sqrt(inputShape[0]!));
    return side * side === inputShape[0] ? { height: side, width: side, channels: 1 } : null;
  }
  return null;
}

/**
 * RGBA pixels (row-major, 4 bytes a pixel, as canvas ImageData) -> one probe for `inputShape`.
 * Alpha is composited over black; 1 channel takes luminance (0.299 R + 0.587 G + 0.114 B), 3 take RGB,
 * 4 take RGBA, any other count repeats luminance. Resizing is an area average (box filter), which
 * neither aliases when shrinking nor invents detail when enlarging.
 */
export function computeImageProbe(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  inputShape: readonly number[],
  normalisation: Normalisation,
): Float32Array | null {
  const geometry = computeProbeGeometry(inputShape);
  if (!geometry || width <= 0 || height <= 0 || rgba.length < width * height * 4) return null;
  const { channels } = geometry;
  const source = new Float32Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    const alpha = rgba[p * 4 + 3]! / 255;
    const r = rgba[p * 4]! * alpha;
    const g = rgba[p * 4 + 1]! * alpha;
    const b = rgba[p * 4 + 2]! * alpha;
    if (channels === 3 || channels === 4) {
      source[p * channels] = r;
      source[p * channels + 1] = g;
      source[p * channels + 2] = b;
      if (channels === 4) source[p * channels + 3] = alpha * 255;
    } else {
      const luminance = 0.299 * r + 0.587 * g + 0.114 * b;
      for (let c = 0; c < channels; c++) source[p * channels + c] = luminance;
    }
  }
  const resized = computeAreaDownsample(source, height, width, channels, geometry.height, geometry.width, channels);
  for (let i = 0; i < resized.length; i++) resized[i] = computeNormalised(resized[i]!, normalisation);
  return resized;
}

/** The default probe set: the first `perDigit` test images of each digit, in digit order (0, 0, 1, 1, ...). */
export function computeMnistProbeSet(split: MnistSplit, inputShape: readonly number[], normalisation: Normalisation, perDigit = 2): ProbeSet {
  const size = split.rows * split.cols;
  const inputs: Float32Array[] = [];
  const labels: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    let found = 0;
    for (let i = 0; i < split.count && found < perDigit; i++) {
      if (split.labels[i] !== digit) continue;
      const probe = new Float32Array(size);
      for (let p = 0; p < size; p++) probe[p] = computeNormalised(split.images[i * size + p]!, normalisation);
      inputs.push(probe);
      labels.push(digit);
      found++;
    }
  }
  return { inputShape: [...inputShape], inputs, labels, normalisation };
}

/** Whether the MNIST probe set fits a model input: 28x28x1, 28x28 or 784. */
export function computeIsMnistShape(inputShape: readonly number[]): boolean {
  const key = inputShape.join('x');
  return key === '28x28x1' || key === '28x28' || key === '784';
}

export const PATTERN_NAMES = ['horizontal gradient', 'vertical gradient', 'checkerboard', 'rings', 'disc', 'diagonal stripes'] as const;

/** Tints giving colour inputs distinct probes (RGB, each 0..1). */
const TINTS: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [1, 0.3, 0.2],
  [0.2, 0.8, 0.3],
  [0.2, 0.4, 1],
  [1, 0.9, 0.2],
  [0.8, 0.3, 1],
];

/** Intensity 0..255 of pattern `index` at (y, x) of a height x width image. */
export function computePatternValue(index: number, y: number, x: number, height: number, width: number): number {
  const u = width > 1 ? x / (width - 1) : 0.5;
  const v = height > 1 ? y / (height - 1) : 0.5;
  const cell = Math.max(1, Math.round(Math.max(height, width) / 8));
  const dy = (y + 0.5) / height - 0.5;
  const dx = (x + 0.5) / width - 0.5;
  const radius = Math.sqrt(dx * dx + dy * dy);
  switch (index % PATTERN_NAMES.length) {
    case 0: return 255 * u;
    case 1: return 255 * v;
    case 2: return (Math.floor(y / cell) + Math.floor(x / cell)) % 2 === 0 ? 255 : 0;
    case 3: return 127.5 + 127.5 * Math.cos(radius * 2 * Math.PI * 6);
    case 4: return radius < 0.3 ? 255 : 0;
    default: return Math.floor((x + y) / cell) % 2 === 0 ? 255 : 0;
  }
}

/** Generated patterns at the input's size, for models that take neither MNIST nor user images. */
export function computePatternProbeSet(inputShape: readonly number[], normalisation: Normalisation): ProbeSet {
  const geometry = computeProbeGeometry(inputShape) ?? { height: 1, width: inputShape.reduce((a, b) => a * b, 1), channels: 1 };
  const { height, width, channels } = geometry;
  const inputs = PATTERN_NAMES.map((_, index) => {
    const probe = new Float32Array(height * width * channels);
    const tint = TINTS[index % TINTS.length]!;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const value = computePatternValue(index, y, x, height, width);
        for (let c = 0; c < channels; c++) {
          const scale = channels === 3 || channels === 4 ? (c < 3 ? tint[c]! : 1) : 1;
          probe[(y * width + x) * channels + c] = computeNormalised(c === 3 ? 255 : value * scale, normalisation);
        }
      }
    }
    return probe;
  });
  return { inputShape: [...inputShape], inputs, labels: inputs.map(() => -1), normalisation };
}
