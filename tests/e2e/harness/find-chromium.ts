import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Finds a Chromium for the browser tests: CHROME_PATH, Debian's chromium, then Google Chrome.
 * When none is there and apt-get is usable as root, installs Debian's `chromium` (and says so);
 * otherwise fails with the one-line instruction. Never a silent skip.
 */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
export const INSTALL_INSTRUCTION =
  'No Chromium found for the browser tests: run `sudo apt-get install -y chromium` (or set CHROME_PATH to a Chromium/Chrome binary).';

export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | null {
  if (env.CHROME_PATH) {
    if (!exists(env.CHROME_PATH)) throw new Error(`CHROME_PATH is set to ${env.CHROME_PATH}, which does not exist.`);
    return env.CHROME_PATH;
  }
  return CHROMIUM_CANDIDATES.find((path) => exists(path)) ?? null;
}

function canUseApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (!canUseApt()) throw new Error(INSTALL_INSTRUCTION);
  console.log('Browser tests: no Chromium found; installing Debian\'s "chromium" package with apt-get (one time)...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but no binary was found. ${INSTALL_INSTRUCTION}`);
  console.log(`Browser tests: installed ${installed}.`);
  return installed;
}
