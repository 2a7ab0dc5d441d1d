import { describe, expect, it } from 'vitest';
import { cleanName, detectScript, foldHomoglyphs, normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it('applies NFC, lower case and one apostrophe for all variants', () => {
    const decomposed = 'Й'.normalize('NFD') + 'ОСИП';
    expect(normalizeText(decomposed)).toBe('йосип');
    for (const a of ['’', "'", 'ʼ', '`']) expect(normalizeText(`Д${a}ЯЧЕНКО`)).toBe("д'яченко");
  });
  it('collapses spaces and strips punctuation around names', () => {
    expect(normalizeText('  Олександр,  Петрович. ')).toBe('олександр петрович');
    expect(normalizeText(null)).toBe('');
  });
});

describe('foldHomoglyphs', () => {
  it('turns Latin look-alikes inside a Cyrillic word into Cyrillic', () => {
    expect(foldHomoglyphs('iван')).toBe('іван');
    expect(foldHomoglyphs('кoвaленко')).toBe('коваленко');
  });
  it('turns Cyrillic look-alikes inside a Latin word into Latin', () => {
    expect(foldHomoglyphs('kovаlenko')).toBe('kovalenko');
  });
  it('leaves single-script words alone', () => {
    expect(foldHomoglyphs('олена olena')).toBe('олена olena');
  });
});

describe('detectScript', () => {
  it('tells Ukrainian, Russian, undecided Cyrillic and Latin apart', () => {
    expect(detectScript(cleanName('Юрій'))).toBe('uk');
    expect(detectScript(cleanName("Дар'я"))).toBe('uk');
    expect(detectScript(cleanName('Артём'))).toBe('ru');
    expect(detectScript(cleanName('Подъячев'))).toBe('ru');
    expect(detectScript(cleanName('Юрий'))).toBe('cyrillic');
    expect(detectScript(cleanName('Oleksandr'))).toBe('latin');
    expect(detectScript('')).toBe('none');
  });
  it('sees a mixed-script word only before folding', () => {
    expect(detectScript(normalizeText('iван'))).toBe('mixed');
    expect(detectScript(cleanName('iван'))).toBe('uk');
  });
});
