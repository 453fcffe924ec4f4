/**
 * Lets the event loop run (incoming messages, timers) between two training batches.
 * A macrotask, not a microtask: messages are only delivered between macrotasks. Not setTimeout(0):
 * browsers clamp nested timeouts to 4 ms, a fifth of a 20 ms batch.
 */
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => void immediate(resolve));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(0);
  });
}
