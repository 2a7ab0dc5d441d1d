/** Nearest-rank percentiles of a list of timings. */
export function percentiles(xs: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? NaN };
}
