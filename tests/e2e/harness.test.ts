import { describe, expect, it } from 'vitest';
import { openPage } from './harness/browser';
import { useBrowser } from './harness/fixture';
import { computeAimQuaternion } from './harness/app';
import { findChromium, INSTALL_INSTRUCTION } from './harness/find-chromium';

/** Tests of the harness itself: its guards must catch a misbehaving page. */
describe('browser test harness', () => {
  const ctx = useBrowser();

  it('flags uncaught errors, console errors and requests to foreign hosts', async () => {
    const app = await openPage(ctx.browser(), ctx.baseUrl, '/favicon-placeholder');
    await app.context.route(`${ctx.baseUrl}/bad-page.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<script>
          console.error('deliberate console error');
          fetch('http://cdn.example.invalid/profile.json').catch(() => {});
          setTimeout(() => { throw new Error('deliberate uncaught error'); });
        </script>`,
      }),
    );
    await app.page.goto(`${ctx.baseUrl}/bad-page.html`);
    await app.page.waitForTimeout(300);
    expect(app.guards.consoleErrors.join('\n')).toContain('deliberate console error');
    expect(app.guards.pageErrors.join('\n')).toContain('deliberate uncaught error');
    expect(app.guards.foreignRequests).toContain('http://cdn.example.invalid/profile.json');
    expect(() => app.guards.assertClean()).toThrow(/foreign host: http:\/\/cdn\.example\.invalid/);
    await app.close();
  });

  it('passes a clean page', async () => {
    const app = await openPage(ctx.browser(), ctx.baseUrl, '/');
    await app.page.waitForFunction(() => typeof window.layerwalk === 'object', null, { timeout: 60_000 });
    await app.page.evaluate(() => window.layerwalk.ready);
    expect(() => app.guards.assertClean()).not.toThrow();
    await app.close();
  });

  it('finds Chromium from CHROME_PATH or the known paths, and says how to install it when missing', () => {
    expect(findChromium({ CHROME_PATH: '/opt/c' }, (p) => p === '/opt/c')).toBe('/opt/c');
    expect(() => findChromium({ CHROME_PATH: '/nope' }, () => false)).toThrow(/does not exist/);
    expect(findChromium({}, (p) => p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
    expect(findChromium({}, () => false)).toBeNull();
    expect(INSTALL_INSTRUCTION).toMatch(/apt-get install -y chromium/);
  });

  it('aims controllers: -Z is rotated onto the direction to the target', () => {
    const [x, y, z, w] = computeAimQuaternion([0, 1, 0], [1, 1, 0]);
    // Rotate (0,0,-1) by q: v' = v + 2w(q x v) + 2 q x (q x v)
    const v = [0, 0, -1];
    const q = [x, y, z];
    const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
    const t = cross(q, v).map((c) => 2 * c);
    const r = v.map((c, i) => c + w * t[i]! + cross(q, t)[i]!);
    expect(r[0]).toBeCloseTo(1);
    expect(r[1]).toBeCloseTo(0);
    expect(r[2]).toBeCloseTo(0);
  });
});
