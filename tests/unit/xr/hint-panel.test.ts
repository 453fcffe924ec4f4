import { describe, expect, it } from 'vitest';
import { HINT_LINES } from '../../../src/xr/hint-panel';

describe('hint card text', () => {
  it('is plain printable ASCII (the canvas font and every headset browser can draw it)', () => {
    for (const lines of Object.values(HINT_LINES)) {
      for (const line of lines) expect(line).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('names every control the input code reacts to', () => {
    const text = HINT_LINES.controllers.join('\n');
    for (const word of ['Trigger', 'Grip', 'both grips', 'Left stick', 'Right stick', 'A:', 'B:', 'X:', 'Y']) expect(text).toContain(word);
    expect(HINT_LINES.hands.join('\n')).toContain('Pinch and hold');
  });
});
