import { describe, expect, it } from 'vitest';
import { detectScript, nameSkeleton, namesSearchText } from './search-key.ts';

describe('nameSkeleton', () => {
  it.each([
    ['Олександр', 'Oleksandr'],
    ['Ганна', 'Hanna'],
    ['Ганна', 'Ganna'],
    ['Юлія', 'Yuliia'],
    ['Юлия', 'Julija'],
    ['Шевчук', 'SHEVCHUK'],
    ['Гнатюк', 'Hnatiuk'],
    ['Сергій', 'Serhii'],
    ['Наталія', 'Nataliya'],
    ['Олійник', 'Oliinyk'],
  ])('gives %s and %s the same skeleton', (a, b) => {
    expect(nameSkeleton(a)).toBe(nameSkeleton(b));
  });

  it('keeps different names apart', () => {
    expect(nameSkeleton('Іван')).not.toBe(nameSkeleton('Ігор'));
    expect(nameSkeleton('Шевчук')).not.toBe(nameSkeleton('Шевченко'));
  });

  it('folds apostrophes and keeps zh/kh/ch/sh distinct from g', () => {
    expect(nameSkeleton("Мар’яна")).toBe(nameSkeleton("Mar'iana"));
    expect(nameSkeleton('Жанна')).toBe('zhana');
    expect(nameSkeleton('Харків')).toBe('kharkiv');
  });

  it('joins all names of a record into one searchable text', () => {
    expect(namesSearchText([{ givenName: 'Олександр', familyName: 'Коваленко' }, { givenName: 'Александр', familyName: 'Смирнов' }])).toBe(
      'oleksandr | kovalenko | aleksandr | smirnov',
    );
  });
});

describe('detectScript', () => {
  it('tells Ukrainian, Russian and Latin apart by their letters', () => {
    expect(detectScript('Олексій')).toBe('uk-Cyrl');
    expect(detectScript('Артём')).toBe('ru-Cyrl');
    expect(detectScript('Kovalenko')).toBe('Latn');
  });
});
