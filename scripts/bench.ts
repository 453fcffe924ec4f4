/**
 * `npm run bench`: runs every benchmark section in scripts/bench/*.ts and prints ONE JSON object,
 * keyed by section. Each section module exports `run(): Promise<Record<string, unknown>>` and
 * compares against a baseline measured in the same run (these machines are shared and noisy:
 * ratios mean more than absolute times). Progress goes to stderr so stdout stays pure JSON.
 *
 *   npm run bench                 all sections
 *   npm run bench -- training     only the named section(s)
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchSection {
  run(): Promise<Record<string, unknown>>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const sections = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

const result: Record<string, unknown> = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
};
for (const name of sections) {
  const started = performance.now();
  process.stderr.write(`bench: ${name}...\n`);
  const section = (await import(pathToFileURL(join(dir, `${name}.ts`)).href)) as BenchSection;
  try {
    result[name] = await section.run();
  } catch (error) {
    result[name] = { error: error instanceof Error ? error.message : String(error) };
    process.exitCode = 1;
  }
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
