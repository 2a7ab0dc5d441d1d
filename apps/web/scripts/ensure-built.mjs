#!/usr/bin/env node
// Builds the web application (apps/web/dist) when it is missing or older than its sources, so
// `npm start` serves an up-to-date app and stays fast when nothing changed.
// Usage: node apps/web/scripts/ensure-built.mjs [--force]
/* global process, console */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = resolve(webDir, '../..');
const builtIndex = join(webDir, 'dist', 'index.html');
const inputs = [
  join(webDir, 'src'),
  join(webDir, 'public'),
  join(webDir, 'index.html'),
  join(webDir, 'vite.config.ts'),
  join(webDir, 'package.json'),
  join(rootDir, 'packages', 'contracts', 'src'),
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function isStale() {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return inputs.some((p) => newest(p) > builtAt);
}

export function build() {
  let viteBin;
  try {
    viteBin = join(
      dirname(createRequire(join(webDir, 'package.json')).resolve('vite/package.json')),
      'bin',
      'vite.js',
    );
  } catch {
    return { ok: false, reason: 'vite is not installed (run `npm ci`)' };
  }
  const r = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
  });
  return r.status === 0
    ? { ok: true }
    : { ok: false, reason: `vite build exited with ${r.status ?? r.signal}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--force') || isStale()) {
    const started = Date.now();
    console.log('Building the web application…');
    const r = build();
    if (r.ok) console.log(`Web application built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    else {
      // The API still works without the web application (or with the previous build): say so and carry on.
      console.error(
        `Could not build the web application: ${r.reason}. ${existsSync(builtIndex) ? 'Serving the previous build.' : 'Starting without it.'}`,
      );
    }
  }
}
