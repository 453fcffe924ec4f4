import { afterEach, describe, expect, it } from 'vitest';
import { yieldToEventLoop } from '../../../src/training/yield';

const g = globalThis as { setImmediate?: unknown };
const savedImmediate = g.setImmediate;

afterEach(() => {
  g.setImmediate = savedImmediate;
});

describe('yieldToEventLoop', () => {
  for (const path of ['setImmediate (node)', 'MessageChannel (browsers, workers)']) {
    it(`resumes as a macrotask, letting queued messages through, via ${path}`, async () => {
      if (!path.startsWith('setImmediate')) g.setImmediate = undefined;
      const order: string[] = [];
      const channel = new MessageChannel();
      channel.port1.onmessage = () => order.push('message');
      channel.port2.postMessage(0);
      const yielded = yieldToEventLoop().then(() => order.push('yield'));
      queueMicrotask(() => order.push('microtask'));
      await yielded;
      expect(order.indexOf('microtask')).toBeLessThan(order.indexOf('yield'));
      // A training loop yields after every batch: a command message gets through within a few.
      for (let i = 0; i < 3 && !order.includes('message'); i++) await yieldToEventLoop();
      expect(order).toContain('message');
      channel.port1.close();
    });
  }
});
