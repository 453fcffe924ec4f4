import { fail } from './errors';

/**
 * Run-length coding of quantised symbols (8 or 16 bits, little-endian), built for feature maps:
 * after ReLU many values are exactly 0, and a blank image region gives every channel a constant
 * (relu(bias)), so runs of one repeated symbol are long once maps are stored channel by channel.
 * A stream of tokens, each starting with a control byte c:
 *   c in 0..127    literal: c + 1 symbols follow
 *   c in 128..255  repeat: the previous symbol (c - 127) more times (1..128)
 * "Previous" starts as the zero point, so a map that starts with zeros starts with a repeat.
 * Worst case: n symbols take n * bytes + ceil(n / 128) bytes; the encoder then stores them packed.
 */

const MAX_TOKEN = 128;
/** Shortest repeat worth a token: a run of 1 would split a literal and save nothing. */
const MIN_RUN = 2;

/**
 * Writes the run-length coding of symbols[0..count) into out (which must hold
 * count * bytes + ceil(count / 128) bytes) and returns the number of bytes written.
 */
export function encodeRunLength(symbols: Uint16Array, count: number, bits: 8 | 16, first: number, out: Uint8Array): number {
  const wide = bits === 16;
  let pos = 0;
  let previous = first;
  let i = 0;
  while (i < count) {
    let run = 0;
    while (i + run < count && run < MAX_TOKEN && symbols[i + run] === previous) run++;
    if (run >= MIN_RUN) {
      out[pos++] = 127 + run;
      i += run;
      continue;
    }
    // A literal: take symbols until a run of MIN_RUN repeats starts or the token is full.
    const controlAt = pos++;
    let length = 0;
    while (i < count && length < MAX_TOKEN) {
      const symbol = symbols[i]!;
      if (length > 0 && symbol === previous && i + 1 < count && symbols[i + 1] === previous) break;
      out[pos++] = symbol & 0xff;
      if (wide) out[pos++] = symbol >>> 8;
      previous = symbol;
      length++;
      i++;
    }
    out[controlAt] = length - 1;
  }
  return pos;
}

/** Upper bound of encodeRunLength's output size. */
export function computeRunLengthCapacity(count: number, bits: 8 | 16): number {
  return count * (bits / 8) + Math.ceil(count / MAX_TOKEN);
}

/**
 * Decodes exactly `count` symbols from data (all of it: trailing bytes are an error) into out.
 * Every token is checked against both the remaining bytes and the remaining symbols, so a
 * corrupt stream ends in a SnapshotFormatError('bad-chunk') in O(data.length) steps.
 */
export function decodeRunLength(data: Uint8Array, count: number, bits: 8 | 16, first: number, out: Uint16Array, what: string): void {
  const width = bits / 8;
  let pos = 0;
  let n = 0;
  let previous = first;
  while (n < count) {
    if (pos >= data.length) fail('truncated', `${what}: run-length data ends after ${n} of ${count} values`);
    const control = data[pos++]!;
    if (control >= MAX_TOKEN) {
      const run = control - 127;
      if (n + run > count) fail('bad-chunk', `${what}: run-length data gives more than ${count} values`);
      out.fill(previous, n, n + run);
      n += run;
    } else {
      const length = control + 1;
      if (n + length > count) fail('bad-chunk', `${what}: run-length data gives more than ${count} values`);
      if (pos + length * width > data.length) fail('truncated', `${what}: run-length literal runs past the end of its data`);
      if (width === 1) {
        for (let k = 0; k < length; k++) out[n++] = data[pos++]!;
      } else {
        for (let k = 0; k < length; k++) {
          out[n++] = data[pos]! | (data[pos + 1]! << 8);
          pos += 2;
        }
      }
      previous = out[n - 1]!;
    }
  }
  if (pos !== data.length) fail('bad-chunk', `${what}: ${data.length - pos} bytes left over after ${count} run-length values`);
}
