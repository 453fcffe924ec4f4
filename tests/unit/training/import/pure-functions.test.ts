import { describe, expect, it } from 'vitest';
import { computeArchitectureDifference, computeCheckpointOrder } from '../../../../src/training/import/checkpoints';
import { computeAreaDownsample, computeDisplayCaps } from '../../../../src/training/import/display-caps';
import { parseLabels } from '../../../../src/training/import/labels';
import { matchManifestWeights } from '../../../../src/training/import/load-checkpoint';
import { ModelImportError } from '../../../../src/training/import/model-import-error';
import { computeGroupByteLength } from '../../../../src/training/import/model-json';
import { computeModelSourceFromSearch, computeNormalisedPath } from '../../../../src/training/import/model-source';
import { computeImageProbe, computeMnistProbeSet, computeNormalised, computePatternProbeSet, computeProbeGeometry } from '../../../../src/training/import/probe-inputs';
import type { LayerDescription, NetworkDescription } from '../../../../src/domain/network';

describe('computeAreaDownsample', () => {
  it('averages integer blocks exactly', () => {
    // 4x4 one channel, values = index; 2x2 output = means of 2x2 blocks.
    const source = Float32Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(computeAreaDownsample(source, 4, 4, 1, 2, 2, 1))).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('weights partial pixels by overlap for fractional ratios, and keeps the first channels', () => {
    // Row of 3 pixels -> 2: output 0 covers [0, 1.5): (p0 + 0.5 p1) / 1.5; output 1 covers [1.5, 3).
    const source = Float32Array.from([3, 100, 6, 200, 9, 300]); // 1x3, 2 channels
    const out = computeAreaDownsample(source, 1, 3, 2, 1, 2, 1);
    expect(out[0]).toBeCloseTo((3 + 0.5 * 6) / 1.5, 6);
    expect(out[1]).toBeCloseTo((0.5 * 6 + 9) / 1.5, 6);
    expect(out).toHaveLength(2);
  });

  it('preserves the mean of any image', () => {
    const source = Float32Array.from({ length: 37 * 23 }, (_, i) => Math.sin(i));
    const out = computeAreaDownsample(source, 37, 23, 1, 10, 7, 1);
    const mean = (a: Float32Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(source), 4);
  });
});

function layer(id: number, outputShape: number[], extra: Partial<LayerDescription> = {}): LayerDescription {
  return { id, name: `l${id}`, kind: 'conv2d', className: 'Conv2D', inputs: id === 0 ? [] : [id - 1], outputShape, weights: [], ...extra };
}

describe('computeDisplayCaps', () => {
  it('keeps aspect when downsampling, leaves small layers alone and removes stale caps', () => {
    const network: NetworkDescription = {
      name: 'n',
      classNames: [],
      layers: [
        layer(0, [100, 50, 3]),
        layer(1, [20, 20, 100]),
        layer(2, [10, 10, 8], { cap: { recordedShape: [1], note: 'old' } }),
        layer(3, [300, 200]),
        layer(4, [300, 200, 3], { kind: 'input' }),
      ],
    };
    const capped = computeDisplayCaps(network, { maxMapSide: 32, maxMaps: 64, maxUnits: 4096 });
    expect(capped.layers[0]!.cap).toEqual({ recordedShape: [32, 16, 3], note: 'maps downsampled 100×50→32×16 (area average)' });
    expect(capped.layers[1]!.cap).toEqual({ recordedShape: [20, 20, 64], note: 'first 64 of 100 maps' });
    expect(capped.layers[2]!.cap).toBeUndefined();
    expect(capped.layers[3]!.cap!.recordedShape).toEqual([32, 21]);
    expect(capped.layers[4]!.cap).toBeUndefined();
    expect(network.layers[2]!.cap!.note).toBe('old'); // input untouched
  });
});

describe('probe inputs', () => {
  it('normalises 0..255 three ways', () => {
    expect([0, 255].map((v) => computeNormalised(v, '0..1'))).toEqual([0, 1]);
    expect([0, 127.5, 255].map((v) => computeNormalised(v, '-1..1'))).toEqual([-1, 0, 1]);
    expect(computeNormalised(17, '0..255')).toBe(17);
  });

  it('maps input shapes to images', () => {
    expect(computeProbeGeometry([64, 64, 3])).toEqual({ height: 64, width: 64, channels: 3 });
    expect(computeProbeGeometry([28, 28])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(computeProbeGeometry([784])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(computeProbeGeometry([10])).toBeNull();
  });

  it('resizes RGBA to the input with luminance, alpha over black and area averaging', () => {
    // 2x2 image: white, black, red, half-transparent white -> 1x1 grey input.
    const rgba = [255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 255, 255, 255, 128];
    const grey = computeImageProbe(rgba, 2, 2, [1, 1, 1], '0..255')!;
    const expected = (255 + 0 + 0.299 * 255 + 255 * (128 / 255)) / 4;
    expect(grey[0]).toBeCloseTo(expected, 3);
    const rgb = computeImageProbe(rgba, 2, 2, [2, 2, 3], '0..1')!;
    expect(Array.from(rgb.subarray(6, 9))).toEqual([1, 0, 0]); // pixel (1, 0) is red
    const up = computeImageProbe([0, 0, 0, 255, 255, 255, 255, 255], 2, 1, [1, 4, 1], '0..1')!;
    expect(Array.from(up)).toEqual([0, 0, 1, 1]); // enlarging repeats pixels (box filter)
    expect(computeImageProbe(rgba, 2, 2, [7], '0..1')).toBeNull();
  });

  it('picks two test images per digit for the MNIST probe set', () => {
    const labels = Uint8Array.from({ length: 30 }, (_, i) => (i * 7) % 10);
    const images = Uint8Array.from({ length: 30 * 4 }, (_, i) => Math.floor(i / 4));
    const set = computeMnistProbeSet({ count: 30, rows: 2, cols: 2, labels, images }, [2, 2, 1], '0..255');
    expect(set.labels).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    // Digit 0 first appears at images 0 and 10.
    expect(Array.from(set.inputs[1]!)).toEqual([10, 10, 10, 10]);
    expect(set.normalisation).toBe('0..255');
  });

  it('generates distinct patterns at the input size, coloured for RGB inputs', () => {
    const set = computePatternProbeSet([16, 12, 3], '0..1');
    expect(set.inputs).toHaveLength(6);
    for (const input of set.inputs) {
      expect(input.length).toBe(16 * 12 * 3);
      for (const v of input) expect(v >= 0 && v <= 1).toBe(true);
    }
    const keys = new Set(set.inputs.map((input) => Array.from(input).join()));
    expect(keys.size).toBe(6);
    expect(computePatternProbeSet([10], '-1..1').inputs[0]!.length).toBe(10);
  });
});

describe('labels', () => {
  it('reads lines, arrays and class_indices objects', () => {
    expect(parseLabels('cat\r\ndog\n\n', 'l.txt')).toEqual(['cat', 'dog']);
    expect(parseLabels('["a","b"]', 'l.json')).toEqual(['a', 'b']);
    expect(parseLabels('{"dog": 1, "cat": 0}', 'l.json')).toEqual(['cat', 'dog']);
    expect(parseLabels('{"0": "x", "1": "y"}', 'l.json')).toEqual(['x', 'y']);
  });

  it('rejects gaps, duplicates and junk with the file named', () => {
    expect(() => parseLabels('{"a": 0, "b": 2}', 'c.json')).toThrow('c.json has no name for class 1');
    expect(() => parseLabels('{"a": 0, "b": 0}', 'c.json')).toThrow(/class index 0 is invalid or given twice/);
    expect(() => parseLabels('[1, {"x": 2}]', 'c.json')).toThrow(/c\.json must be a list of class names/);
    expect(() => parseLabels('   ', 'e.txt')).toThrow(/e\.txt holds no class names/);
  });
});

describe('weights manifest', () => {
  it('counts bytes with quantisation', () => {
    const group = {
      paths: ['a'],
      weights: [
        { name: 'w', shape: [2, 3], dtype: 'float32' },
        { name: 'q', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8' } },
        { name: 'h', shape: [4], dtype: 'float32', quantization: { dtype: 'float16' } },
      ],
    };
    expect(computeGroupByteLength(group, 'm.json')).toBe(24 + 10 + 8);
    expect(() => computeGroupByteLength({ paths: [], weights: [{ name: 's', shape: [1], dtype: 'string' }] }, 'm.json')).toThrow(ModelImportError);
  });

  it('matches exact, numbered, scoped and suffixed names', () => {
    const targets = [
      { layerName: 'conv', index: 0, originalName: 'conv/kernel', shape: [3] },
      { layerName: 'conv', index: 1, originalName: 'conv/bias', shape: [1] },
      { layerName: 'bn', index: 0, originalName: 'bn/gamma', shape: [2] },
      { layerName: 'lstm', index: 0, originalName: 'lstm/kernel', shape: [4] },
    ];
    const weights = [
      { name: 'model/bn/gamma:0', shape: [2], dtype: 'float32' },
      { name: 'conv/1', shape: [1], dtype: 'float32' },
      { name: 'lstm/lstm_cell/kernel', shape: [4], dtype: 'float32' },
      { name: 'conv/kernel', shape: [3], dtype: 'float32' },
    ];
    expect(matchManifestWeights(targets, weights, 'm.json')).toEqual([2, 1, 3, 0]);
    expect(() => matchManifestWeights(targets, [...weights, { name: 'conv/kernel_1', shape: [3], dtype: 'float32' }], 'm.json')).toThrow(
      'm.json: weights conv/kernel and conv/kernel_1 both fill conv/kernel',
    );
  });
});

describe('sources and checkpoints', () => {
  it('normalises paths', () => {
    expect(computeNormalisedPath('./a/b/../c\\d.bin')).toBe('a/c/d.bin');
  });

  it('reads ?model= (repeatable) and &labels= relative to the page', () => {
    expect(computeModelSourceFromSearch('?model=m/model.json&model=https://x.org/e2/model.json&labels=l.txt', 'https://app.test/walk/')).toEqual({
      kind: 'urls',
      modelUrls: ['https://app.test/walk/m/model.json', 'https://x.org/e2/model.json'],
      labelsUrl: 'https://app.test/walk/l.txt',
    });
    expect(computeModelSourceFromSearch('?view=abc', 'https://app.test/')).toBeNull();
  });

  it('orders checkpoints by natural name order', () => {
    const paths = ['run/epoch-10/model.json', 'run/epoch-2/model.json', 'run/epoch-1/model.json', 'ckpt.json'];
    expect(computeCheckpointOrder(paths).map((i) => paths[i])).toEqual(['ckpt.json', 'run/epoch-1/model.json', 'run/epoch-2/model.json', 'run/epoch-10/model.json']);
  });

  it('ignores names but not shapes when comparing architectures', () => {
    const a: NetworkDescription = { name: 'a', classNames: [], layers: [layer(0, [4, 4, 1], { name: 'x' }), layer(1, [2, 2, 3])] };
    const renamed: NetworkDescription = { ...a, layers: a.layers.map((l) => ({ ...l, name: `${l.name}_7` })) };
    expect(computeArchitectureDifference(a, renamed)).toBeNull();
    const wider: NetworkDescription = { ...a, layers: [a.layers[0]!, layer(1, [2, 2, 4])] };
    expect(computeArchitectureDifference(a, wider)).toBe('layer 1 is l1 (Conv2D) -> [2,2,4] where the first checkpoint has l1 (Conv2D) -> [2,2,3]');
  });
});

describe('computeImportFiles', () => {
  it('keeps folder paths of picked folders and plain names otherwise', async () => {
    const { computeImportFiles } = await import('../../../../src/training/import/browser-files');
    const bytes = new Uint8Array([1, 2]).buffer;
    const files = computeImportFiles([
      { name: 'model.json', size: 2, webkitRelativePath: 'run/e1/model.json', arrayBuffer: async () => bytes },
      { name: 'labels.txt', size: 2, webkitRelativePath: '', arrayBuffer: async () => bytes },
    ]);
    expect(files.map((f) => f.path)).toEqual(['run/e1/model.json', 'labels.txt']);
    expect(new Uint8Array(await files[0]!.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
  });
});
