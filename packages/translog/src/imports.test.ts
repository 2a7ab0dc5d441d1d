import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// R9: the standalone verifier must run on a party's own machine with no server code. The whole
// package may import only itself, node:crypto and the RFC 8785 library (tests may use more).
describe('import graph', () => {
  it('imports nothing but its own files, node:crypto and canonicalize', () => {
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir).filter(
      (f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('.fixture.'),
    );
    const imports = sources.flatMap((f) =>
      [
        ...readFileSync(new URL(f, dir), 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms),
      ].map((m) => m[1]),
    );
    const outside = imports.filter(
      (s) => !s?.startsWith('./') && s !== 'node:crypto' && s !== 'canonicalize',
    );
    expect(sources.length).toBeGreaterThan(10);
    expect(imports).toContain('canonicalize');
    expect(outside).toEqual([]);
  });
});
