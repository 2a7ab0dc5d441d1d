// Preloaded into the server by the load benches (NODE_OPTIONS=--import): appends the process's
// memory (process.memoryUsage(), in MB) as one JSON line every HOMEWARD_BENCH_MEMORY_MS to
// HOMEWARD_BENCH_MEMORY_FILE, so that a bench can report the server's V8 heap as well as its RSS.
// Plain JavaScript: it loads before the server's TypeScript loader.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setInterval } from 'node:timers';

const file = process.env.HOMEWARD_BENCH_MEMORY_FILE;
if (file) {
  const t0 = performance.now();
  const mb = (n) => Math.round((n / 1048576) * 10) / 10;
  const sample = () => {
    const m = process.memoryUsage();
    const line = { t: Math.round((performance.now() - t0) / 100) / 10, rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
    appendFileSync(file, JSON.stringify(line) + '\n');
  };
  sample();
  setInterval(sample, Number(process.env.HOMEWARD_BENCH_MEMORY_MS ?? 10_000)).unref();
}
