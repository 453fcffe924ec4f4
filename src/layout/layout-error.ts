/** A caller error in layout input (views that do not fit the network, bad weights, bad selection). */
export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}
