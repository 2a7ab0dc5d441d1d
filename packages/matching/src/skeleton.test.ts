import { describe, expect, it } from 'vitest';
import { romanize, SYSTEM_IDS } from './translit.ts';
import { plainForm, wordSkeletons } from './skeleton.ts';

const sk = (w: string): string[] => wordSkeletons(w.toLowerCase());
const collide = (a: string, b: string): boolean => sk(a).some((s) => sk(b).includes(s));

describe('wordSkeletons', () => {
  it('collides one name across scripts and romanisations', () => {
    for (const form of ['Олександр', 'Александр', 'Oleksandr', 'Aleksandr', 'Alexander', 'OLEKSANDR'])
      expect(sk(form)).toContain('ALKSNDR');
  });
  it('collides a surname under every romanisation system', () => {
    for (const system of SYSTEM_IDS) {
      const latin = romanize('Шевченко', system);
      expect(collide(latin, 'Шевченко'), `${system}: ${latin}`).toBe(true);
    }
  });
  it('folds gendered and Russified surname endings', () => {
    expect(collide('Ковальський', 'Ковальская')).toBe(true);
    expect(collide('Ковальська', 'Kowalski')).toBe(true);
    expect(collide('Петрова', 'Петров')).toBe(true);
    expect(collide('Ткачова', 'Ткачева')).toBe(true);
    expect(collide('Олійник', 'Олейник')).toBe(true);
    expect(collide('Honcharenko', 'Гончаренко')).toBe(true);
  });
  it('keeps different names apart', () => {
    expect(collide('Олександр', 'Олексій')).toBe(false);
    expect(collide('Коваленко', 'Ковальчук')).toBe(false);
    expect(collide('Марія', 'Марина')).toBe(false);
  });
  it('gives alternatives for ambiguous Latin (German ch for х)', () => {
    expect(sk('Michail')).toEqual(expect.arrayContaining(sk('Михайло')));
  });
});

describe('plainForm', () => {
  it('keeps vowels so that near spellings stay comparable', () => {
    expect(plainForm('сергій')).toBe(plainForm('serhii'));
    expect(plainForm('ковальська')).not.toBe(plainForm('ковальчук'));
  });
});
