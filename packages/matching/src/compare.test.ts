import { describe, expect, it } from 'vitest';
import {
  compareDate,
  compareFamily,
  compareGiven,
  comparePatronymic,
  comparePlace,
  compareRecords,
  compareSex,
  FIELDS,
} from './compare.ts';
import { extractFeatures, parseBirthDate } from './features.ts';
import type { MatchRecord } from './types.ts';

const f = (r: Omit<MatchRecord, 'id'>) => extractFeatures({ id: 'x', ...r });
const given = (a: string, b: string): number =>
  compareGiven(f({ given_name: a }).given, f({ given_name: b }).given);
const family = (a: Omit<MatchRecord, 'id'>, b: Omit<MatchRecord, 'id'>): number => compareFamily(f(a), f(b));
const date = (a: string | null, b: string | null): number =>
  compareDate(parseBirthDate(a), parseBirthDate(b));
const label = (field: number, level: number): string => FIELDS[field]?.levels[level] ?? 'missing';

describe('given-name levels', () => {
  it('same name, in any script', () => {
    expect(label(0, given('Олександр', 'OLEKSANDR'))).toBe('same name');
    expect(given('Олександр', 'Александр')).toBe(0);
  });
  it('equivalent form: Russian form or diminutive', () => {
    expect(given('Ганна', 'Анна')).toBe(1);
    expect(given('Сашко', 'Александр')).toBe(1);
    expect(given('Настя', 'Anastasiia')).toBe(1);
  });
  it('similar spelling (typo)', () => {
    expect(given('Владислав', 'Владисав')).toBe(2);
  });
  it('different name, and missing is neutral', () => {
    expect(given('Олександр', 'Марія')).toBe(3);
    expect(compareGiven(null, f({ given_name: 'Марія' }).given)).toBe(-1);
  });
});

describe('family-name levels', () => {
  it('same surname across languages and gender', () => {
    expect(family({ family_name: 'Ковальська' }, { family_name: 'Ковальская' })).toBe(0);
    expect(family({ family_name: 'Шевченко' }, { family_name: 'SCHEWTSCHENKO' })).toBe(0);
  });
  it('similar spelling (typo)', () => {
    expect(family({ family_name: 'Бондаренко' }, { family_name: 'Бондареко' })).toBe(1);
    expect(family({ family_name: 'Бондаренко' }, { family_name: 'Бондраенко' })).toBe(0); // vowels do not count
  });
  it('former surname kept among other names after adoption', () => {
    expect(family({ family_name: 'Коваленко' }, { family_name: 'Смирнов', other_names: ['Коваленко'] })).toBe(
      2,
    );
  });
  it('different surname, and missing is neutral', () => {
    expect(family({ family_name: 'Коваленко' }, { family_name: 'Смирнов' })).toBe(3);
    expect(family({}, { family_name: 'Смирнов' })).toBe(-1);
  });
});

describe('patronymic levels', () => {
  const pat = (a: string, b: string): number =>
    comparePatronymic(f({ patronymic: a }).patronymic, f({ patronymic: b }).patronymic);
  it('same father in Ukrainian and Russian forms', () => {
    expect(pat('Олександрівна', 'Александровна')).toBe(0);
    expect(pat('Миколайович', 'Николаевич')).toBe(0);
  });
  it('similar and different fathers', () => {
    expect(pat('Петрович', 'Пертович')).toBe(1);
    expect(pat('Петрович', 'Сергеевич')).toBe(2);
  });
});

describe('birth-date levels', () => {
  it.each([
    ['2012-03-05', '2012-03-05', 0],
    ['2012-03-05', '2012-03-07', 1],
    ['2012-03-05', '2012-05-03', 2],
    ['2012-03-05', '2013-03-05', 3],
    ['2012-03-05', '2012', 4],
    ['2012-03-05', '2012-03', 4],
    ['2012-03-05', '2012-09-20', 5],
    ['2012-03-05', '2014-01-01', 6],
    ['2012-03-05', '2017-03-05', 7],
  ] as const)('%s vs %s → level %i', (a, b, level) => {
    expect(date(a, b)).toBe(level);
  });
  it('treats missing or invalid dates as neutral', () => {
    expect(date(null, '2012')).toBe(-1);
    expect(date('unknown', '2012')).toBe(-1);
  });
});

describe('sex and place levels', () => {
  it('sex', () => {
    expect(compareSex('M', 'M')).toBe(0);
    expect(compareSex('M', 'F')).toBe(1);
    expect(compareSex(null, 'F')).toBe(-1);
  });
  it('renamed birthplace is the same place', () => {
    expect(comparePlace(f({ birth_place: 'Маріуполь' }), f({ birth_place: 'Жданов' }))).toBe(0);
  });
  it('birthplace against the last known place, then the region', () => {
    expect(
      comparePlace(f({ birth_place: 'Херсон', last_known_place: 'Бахмут' }), f({ birth_place: 'Артёмовск' })),
    ).toBe(1);
    expect(comparePlace(f({ birth_place: 'Маріуполь' }), f({ birth_place: 'Донецк' }))).toBe(2);
    expect(comparePlace(f({ birth_place: 'Маріуполь' }), f({ birth_place: 'Подольск' }))).toBe(3);
    expect(comparePlace(f({}), f({ birth_place: 'Подольск' }))).toBe(-1);
  });
});

describe('compareRecords', () => {
  it('reads swapped given and family names', () => {
    const out = new Int8Array(FIELDS.length);
    const swapped = compareRecords(
      f({ given_name: 'Марія', family_name: 'Карпенко' }),
      f({ given_name: 'Карпенко', family_name: 'Мария' }),
      out,
    );
    expect(swapped).toBe(true);
    expect([out[0], out[1]]).toEqual([0, 0]);
  });
});
