import type { Matrix4 } from 'three';

/**
 * Holding the whole network in one hand: while the grip is held, the network keeps the pose it had
 * relative to the hand when the grip started.
 *   offset    = hand0^-1 * placement0        (at grab start)
 *   placement = hand * offset                (every frame)
 * Hand matrices are rigid (controller grip or target-ray pose in world space); the placement
 * matrix carries the network's uniform scale, which the product keeps.
 */

export function computeGrabOffset(hand: Matrix4, placement: Matrix4, out: Matrix4): Matrix4 {
  return out.copy(hand).invert().multiply(placement);
}

export function computeHeldPlacement(hand: Matrix4, offset: Matrix4, out: Matrix4): Matrix4 {
  return out.multiplyMatrices(hand, offset);
}
