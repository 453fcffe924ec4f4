/**
 * A small seeded PRNG (mulberry32: 32-bit state, full period 2^32) so that data order is
 * reproducible across runs and machines; Math.random is not seedable.
 */
export type RandomSource = () => number;

/** Uniform floats in [0, 1) from a 32-bit seed. */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `order` in place. */
export function computeShuffle(order: Int32Array, random: RandomSource): Int32Array {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
