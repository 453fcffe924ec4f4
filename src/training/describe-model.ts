import type * as tf from '@tensorflow/tfjs';
import type { LayerDescription, LayerKind, NetworkDescription, Padding, WeightSpec } from '../domain/network';
import { ModelImportError } from './import/model-import-error';

/**
 * tfjs LayersModel -> NetworkDescription: the framework-free picture every other module draws from.
 * Works for Sequential and functional models (branches, merges); a Sequential model's implicit input
 * layer becomes an explicit 'input' layer with id 0 so the viewer always shows the input image.
 */

type TfLayer = tf.layers.Layer;
type Config = Record<string, unknown>;

const KIND_BY_CLASS: Readonly<Record<string, LayerKind>> = {
  InputLayer: 'input',
  Conv2D: 'conv2d',
  Convolution2D: 'conv2d',
  DepthwiseConv2D: 'depthwise-conv2d',
  SeparableConv2D: 'separable-conv2d',
  SeparableConvolution2D: 'separable-conv2d',
  MaxPooling2D: 'max-pool2d',
  MaxPool2D: 'max-pool2d',
  AveragePooling2D: 'avg-pool2d',
  AvgPool2D: 'avg-pool2d',
  GlobalAveragePooling2D: 'global-avg-pool2d',
  GlobalAvgPool2D: 'global-avg-pool2d',
  GlobalMaxPooling2D: 'global-max-pool2d',
  GlobalMaxPool2D: 'global-max-pool2d',
  ZeroPadding2D: 'zero-padding2d',
  BatchNormalization: 'batch-norm',
  Activation: 'activation',
  ReLU: 'activation',
  Softmax: 'activation',
  Dropout: 'dropout',
  Flatten: 'flatten',
  Reshape: 'reshape',
  Dense: 'dense',
  Add: 'add',
  Concatenate: 'concatenate',
};

export interface DescribeModelOptions {
  /** Names of the output classes; default '0'..'9' for 10 outputs, else 'class i'. */
  readonly classNames?: readonly string[];
}

export interface DescribedModel {
  readonly network: NetworkDescription;
  /** "name (ClassName)" of every layer shown as a generic block. */
  readonly genericLayers: string[];
}

export function describeModel(model: tf.LayersModel, options: DescribeModelOptions = {}): DescribedModel {
  const ordered = computeLayerOrder(model);
  const idByLayer = new Map<TfLayer, number>();
  ordered.forEach((layer, id) => idByLayer.set(layer, id));
  const genericLayers: string[] = [];
  const layers = ordered.map((layer, id): LayerDescription => {
    const description = describeLayer(layer, id, idByLayer);
    if (description.kind === 'generic') genericLayers.push(`${layer.name} (${layer.getClassName()})`);
    return description;
  });
  const last = layers[layers.length - 1];
  const outputUnits = last !== undefined && last.outputShape.length === 1 ? last.outputShape[0]! : 0;
  const classNames = options.classNames ? [...options.classNames] : computeDefaultClassNames(outputUnits);
  if (options.classNames && outputUnits > 0 && classNames.length !== outputUnits) {
    throw new ModelImportError(
      'labels-mismatch',
      `the labels list has ${classNames.length} names but the model's last layer "${last!.name}" has ${outputUnits} outputs`,
    );
  }
  return { network: { name: model.name, layers, classNames }, genericLayers };
}

export function computeDefaultClassNames(units: number): string[] {
  if (units === 10) return ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return Array.from({ length: units }, (_, i) => `class ${i}`);
}

/** Topological order: every layer after the layers feeding it (depth-first over inbound nodes). */
export function computeLayerOrder(model: tf.LayersModel): TfLayer[] {
  const ordered: TfLayer[] = [];
  const state = new Map<TfLayer, 'visiting' | 'done'>();
  const visit = (layer: TfLayer): void => {
    const seen = state.get(layer);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new ModelImportError('unsupported-model', `layer "${layer.name}" is part of a cycle`);
    state.set(layer, 'visiting');
    for (const inbound of computeInboundLayers(layer)) visit(inbound);
    state.set(layer, 'done');
    ordered.push(layer);
  };
  for (const layer of model.layers) {
    // A model used as a layer shares its inner tensors with the outer graph, so its layers cannot be
    // listed once each. The importer inlines nested models it can (flatten-topology.ts); refuse the rest by name.
    if ('layers' in layer) {
      throw new ModelImportError(
        'unsupported-model',
        `layer "${layer.name}" is itself a model (${layer.getClassName()}) that could not be inlined (it is called more than once, or its input shape is unknown); rebuild the model as one flat Sequential or functional model before exporting`,
      );
    }
  }
  for (const input of model.inputs) visit(input.sourceLayer as TfLayer);
  for (const layer of model.layers) visit(layer);
  return ordered;
}

function computeInboundLayers(layer: TfLayer): TfLayer[] {
  if (layer.inboundNodes.length > 1) {
    throw new ModelImportError(
      'unsupported-model',
      `layer "${layer.name}" (${layer.getClassName()}) is used ${layer.inboundNodes.length} times; shared layers are not supported`,
    );
  }
  return (layer.inboundNodes[0]?.inboundLayers ?? []) as TfLayer[];
}

function describeLayer(layer: TfLayer, id: number, idByLayer: ReadonlyMap<TfLayer, number>): LayerDescription {
  const className = layer.getClassName();
  const config = layer.getConfig() as Config;
  let kind: LayerKind = KIND_BY_CLASS[className] ?? 'generic';
  // Channels-first layers would be drawn with the wrong axes: show them as blocks instead.
  if (config['dataFormat'] === 'channelsFirst') kind = 'generic';
  const inputs = computeInboundLayers(layer).map((inbound) => idByLayer.get(inbound)!);
  const base = {
    id,
    name: layer.name,
    kind,
    className,
    inputs,
    outputShape: computeOutputShape(layer),
    weights: computeWeightSpecs(layer),
  };
  return { ...base, ...computeKindFields(kind, className, config, base.outputShape) };
}

type KindFields = Omit<Partial<LayerDescription>, 'id' | 'name' | 'kind' | 'className' | 'inputs' | 'outputShape' | 'weights'>;

function computeKindFields(kind: LayerKind, className: string, config: Config, outputShape: readonly number[]): KindFields {
  switch (kind) {
    case 'conv2d':
    case 'separable-conv2d':
    case 'depthwise-conv2d':
      return {
        kernelSize: toPair(config['kernelSize'], 'kernelSize'),
        strides: toPair(config['strides'] ?? 1, 'strides'),
        padding: toPadding(config['padding']),
        dilation: toPair(config['dilationRate'] ?? 1, 'dilationRate'),
        activation: toActivation(config['activation']),
        units: outputShape[outputShape.length - 1],
      };
    case 'max-pool2d':
    case 'avg-pool2d': {
      const poolSize = toPair(config['poolSize'] ?? 2, 'poolSize');
      return { poolSize, strides: config['strides'] == null ? poolSize : toPair(config['strides'], 'strides'), padding: toPadding(config['padding']) };
    }
    case 'zero-padding2d':
      return { zeroPadding: toZeroPadding(config['padding']) };
    case 'dense':
      return { units: Number(config['units']), activation: toActivation(config['activation']) };
    case 'activation':
      if (className === 'ReLU') return { activation: config['maxValue'] === 6 ? 'relu6' : 'relu' };
      if (className === 'Softmax') return { activation: 'softmax' };
      return { activation: toActivation(config['activation']) };
    default:
      return {};
  }
}

function computeOutputShape(layer: TfLayer): number[] {
  const node = layer.inboundNodes[0];
  const raw = node?.outputShapes;
  const shapes = raw === undefined ? [] : Array.isArray(raw[0]) || raw[0] === undefined ? (raw as (number | null)[][]) : [raw as (number | null)[]];
  const shape = shapes[0];
  if (shape === undefined) {
    throw new ModelImportError('unsupported-model', `layer "${layer.name}" (${layer.getClassName()}) has no output shape`);
  }
  if (shapes.length > 1) {
    throw new ModelImportError('unsupported-model', `layer "${layer.name}" (${layer.getClassName()}) has ${shapes.length} outputs; only single-output layers are supported`);
  }
  const dims = shape.slice(1);
  if (dims.some((d) => d === null || d === undefined)) {
    throw new ModelImportError(
      'unsupported-shape',
      `layer "${layer.name}" has output shape [${dims.map((d) => d ?? 'None').join(', ')}]: every dimension except the batch must be fixed`,
    );
  }
  return dims as number[];
}

/** Weight role = the variable name's last path part without a uniquifying suffix: 'conv2d_1/kernel_2' -> 'kernel'. */
export function computeWeightRole(variableName: string): string {
  const last = variableName.split('/').pop() ?? variableName;
  return last.replace(/:\d+$/, '').replace(/_\d+$/, '');
}

function computeWeightSpecs(layer: TfLayer): WeightSpec[] {
  return layer.weights.map((weight) => ({ role: computeWeightRole(weight.originalName || weight.name), shape: [...weight.shape] as number[] }));
}

function toPair(value: unknown, what: string): readonly [number, number] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'number') return [value[0], value[0]];
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
  throw new ModelImportError('unsupported-model', `${what} ${JSON.stringify(value)} is not one or two numbers`);
}

function toPadding(value: unknown): Padding | undefined {
  return value === 'same' || value === 'valid' ? value : undefined;
}

function toActivation(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'className' in value) return String((value as { className: unknown }).className).toLowerCase();
  return 'linear';
}

function toZeroPadding(value: unknown): readonly [readonly [number, number], readonly [number, number]] {
  if (typeof value === 'number') return [[value, value], [value, value]];
  if (Array.isArray(value) && value.length === 2) {
    const [rows, cols] = value as unknown[];
    return [toPair(rows, 'padding'), toPair(cols, 'padding')];
  }
  throw new ModelImportError('unsupported-model', `ZeroPadding2D padding ${JSON.stringify(value)} is not understood`);
}

export { computeDisplayCaps, DEFAULT_DISPLAY_CAP_LIMITS } from './import/display-caps';
export type { DisplayCapLimits } from './import/display-caps';
