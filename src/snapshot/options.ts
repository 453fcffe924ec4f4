import type { QuantBits } from './quantise';

/** Precision choices of the encoder; each tensor record stores its own, so readers need none of this. */
export interface EncodeOptions {
  /** Bits per activation value (default 8: error <= range / 510 per tensor; maps are drawn with 256 colours). */
  readonly activationBits?: QuantBits;
  /** Bits per weight value (default 16: error <= range / 131070 per tensor, so recomputed sums match closely). */
  readonly weightBits?: QuantBits;
  /** Bits per probe input value, stored once per file (default 16). */
  readonly probeBits?: QuantBits;
}

export interface ResolvedEncodeOptions {
  readonly activationBits: QuantBits;
  readonly weightBits: QuantBits;
  readonly probeBits: QuantBits;
}

export function resolveEncodeOptions(options: EncodeOptions = {}): ResolvedEncodeOptions {
  const pick = (value: QuantBits | undefined, fallback: QuantBits, name: string): QuantBits => {
    if (value === undefined) return fallback;
    if (value !== 8 && value !== 16) throw new RangeError(`${name} must be 8 or 16, got ${String(value)}`);
    return value;
  };
  return {
    activationBits: pick(options.activationBits, 8, 'activationBits'),
    weightBits: pick(options.weightBits, 16, 'weightBits'),
    probeBits: pick(options.probeBits, 16, 'probeBits'),
  };
}
