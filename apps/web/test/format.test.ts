import { describe, expect, it } from 'vitest';
import { displayName, formatPartialDate, pickName } from '../src/i18n/format.ts';
import { parseRoute } from '../src/route.ts';

describe('dates in the reader’s language', () => {
  it('writes full, month and year dates', () => {
    expect(formatPartialDate('2015-07-02', 'en')).toBe('2 July 2015');
    expect(formatPartialDate('2015-07-02', 'uk')).toMatch(/^2 липня 2015/);
    expect(formatPartialDate('2015-07-02', 'ru')).toMatch(/^2 июля 2015/);
    expect(formatPartialDate('2015-07', 'en')).toBe('July 2015');
    expect(formatPartialDate('2015', 'ru')).toBe('2015');
    expect(formatPartialDate(null, 'en')).toBeNull();
  });
});

describe('names', () => {
  const names = [
    { givenName: 'Oleksandr', familyName: 'MARCHENKO', script: 'Latn', kind: 'primary' },
    { givenName: 'Олександр', familyName: 'Марченко', script: 'uk-Cyrl', kind: 'primary' },
    { givenName: 'Саша', script: 'uk-Cyrl', kind: 'nickname' },
  ];
  it('shows the primary name in the reader’s script when there is one', () => {
    expect(displayName(names, 'uk')).toBe('Марченко Олександр');
    expect(displayName(names, 'en')).toBe('MARCHENKO Oleksandr');
    expect(pickName(names, 'ru')?.script).toBe('Latn');
  });
});

describe('routes', () => {
  it('parses page paths and rejects others', () => {
    expect(parseRoute('/')).toEqual({ name: 'dashboard' });
    expect(parseRoute('/dossiers/')).toEqual({ name: 'dossiers' });
    expect(parseRoute('/dossiers/fc833e77-937c-43f0-ade3-cbf3eae6242d')).toEqual({
      name: 'dossier',
      id: 'fc833e77-937c-43f0-ade3-cbf3eae6242d',
    });
    expect(parseRoute('/requests/new')).toEqual({ name: 'newRequest' });
    expect(parseRoute('/dossiers/Oleksandr')).toEqual({ name: 'notFound' });
  });
});
