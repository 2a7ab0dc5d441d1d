import { describe, expect, it } from 'vitest';
import { editDistance, jaroWinkler, withinOneEdit } from './similarity.ts';

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('olha', 'olga')).toBeCloseTo(0.867, 3);
  });
  it('handles edge cases', () => {
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('abc', '')).toBe(0);
    expect(jaroWinkler('олена', 'олена')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('edit distances', () => {
  it('counts adjacent transpositions as one edit', () => {
    expect(editDistance('kovalenko', 'kovlaenko')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
  it('withinOneEdit agrees with editDistance', () => {
    const words = ['KVLNK', 'KVNLK', 'KVLN', 'KVLNKA', 'KVLNX', 'XVLNK', 'KLVNK', 'VKLNK', 'KV', ''];
    for (const a of words)
      for (const b of words) expect(withinOneEdit(a, b), `${a}/${b}`).toBe(editDistance(a, b) <= 1);
  });
});
