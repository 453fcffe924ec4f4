import type { ConvCellExplanation } from '../../domain/compute-neuron';
import { formatValue } from '../format';
import type { InspectorModel } from './inspector-model';

/** Pure text and sums of the inspector. */

/** Sum of the products of each input channel (the conv sum split by channel). */
export function computeChannelSums(e: ConvCellExplanation): Float32Array {
  const sums = new Float32Array(e.inChannels);
  for (let i = 0; i < e.products.length; i++) sums[i % e.inChannels]! += e.products[i]!;
  return sums;
}

export function computeStrongestChannel(sums: Float32Array): number {
  let best = 0;
  for (let i = 1; i < sums.length; i++) if (Math.abs(sums[i]!) > Math.abs(sums[best]!)) best = i;
  return best;
}

const stored = (value: number | null) => (value === null ? '' : `   stored ${formatValue(value, 4)}`);

export function computeInspectorSummary(model: InspectorModel, channel: number): string {
  switch (model.kind) {
    case 'none':
      return model.reason;
    case 'value':
      return `value ${formatValue(model.stored, 4)}\n${model.note}`;
    case 'conv': {
      const e = model.explanation;
      const sums = computeChannelSums(e);
      return [
        `sum of ${e.products.length} products = ${formatValue(e.sum, 4)}   (channel ${channel}: ${formatValue(sums[channel] ?? NaN, 4)})`,
        `+ bias ${formatValue(e.bias, 4)} = pre-activation ${formatValue(e.preActivation, 4)}`,
        `${e.activation}(${formatValue(e.preActivation, 4)}) = ${formatValue(e.value, 4)}${stored(model.stored)}`,
      ].join('\n');
    }
    case 'pool': {
      const e = model.explanation;
      const [ph, pw] = e.poolSize;
      const winner = e.winner >= 0 ? `, winner at row ${e.inputRow + Math.floor(e.winner / pw)}, col ${e.inputCol + (e.winner % pw)}` : '';
      return `${e.mode} of the ${ph}x${pw} window at row ${e.inputRow}, col ${e.inputCol}${winner}\n= ${formatValue(e.value, 4)}${stored(model.stored)}`;
    }
    case 'dense': {
      const e = model.explanation;
      const top = e.top.reduce((s, c) => s + c.product, 0);
      const unit = model.classNames[model.unit] !== undefined && model.probabilities ? `class ${model.classNames[model.unit]}` : `unit ${model.unit}`;
      return [
        `${unit}: sum of ${e.inputCount} inputs x weights = ${formatValue(e.sum, 4)}   (top ${e.top.length}: ${formatValue(top, 4)})`,
        `+ bias ${formatValue(e.bias, 4)} = pre-activation ${formatValue(e.preActivation, 4)}`,
        `${e.activation} = ${formatValue(e.value, 4)}${stored(model.stored)}`,
      ].join('\n');
    }
  }
}
