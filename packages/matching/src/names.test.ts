import { describe, expect, it } from 'vitest';
import { GIVEN_NAME_GROUPS, GIVEN_NAME_SOURCE } from '../tables/given-names.ts';
import { PLACES, PLACES_SOURCE } from '../tables/places.ts';
import { cleanName } from './normalize.ts';
import { givenNameGroups, groupLabel, patronymicRoots, placeIds, placeLabel } from './names.ts';
import { wordSkeletons } from './skeleton.ts';

const groups = (name: string): number[] => givenNameGroups(wordSkeletons(cleanName(name)));
const sameGroup = (a: string, b: string): boolean => groups(a).some((g) => groups(b).includes(g));
const places = (name: string): string[] => placeIds(wordSkeletons(cleanName(name))).map(placeLabel);

describe('given-name equivalence groups', () => {
  it('have a source and both languages in every group', () => {
    expect(GIVEN_NAME_SOURCE).toMatch(/names-translator/);
    for (const g of GIVEN_NAME_GROUPS) {
      expect(g.uk.length).toBeGreaterThan(0);
      expect(g.ru.length).toBeGreaterThan(0);
    }
  });
  it.each([
    ['Олександр', 'Александр'],
    ['Олександр', 'Сашко'],
    ['Олександр', 'Aleksandr'],
    ['Ганна', 'Анна'],
    ['Євген', 'Евгений'],
    ['Євген', 'Женя'],
    ['Yevhen', 'Evgenii'],
    ['Микола', 'Николай'],
    ['Mykola', 'Nikolai'],
    ['Анастасія', 'Настя'],
    ['Катерина', 'Екатерина'],
    ['Kateryna', 'Ekaterina'],
    ['Панас', 'Афанасий'],
    ['Надія', 'Надежда'],
    ['Юхим', 'Ефим'],
    ['Пилип', 'Филипп'],
    ['Дарина', 'Дарья'],
    ['Ілля', 'Ilya'],
  ])('%s ~ %s', (a, b) => {
    expect(sameGroup(a, b)).toBe(true);
  });
  it('keeps different names apart', () => {
    expect(sameGroup('Олександр', 'Олексій')).toBe(false);
    expect(sameGroup('Марія', 'Марина')).toBe(false);
    expect(sameGroup('Іван', 'Ганна')).toBe(false);
  });
  it('labels a group by its Ukrainian form', () => {
    expect(groups('Aleksandr').map(groupLabel)).toContain('Олександр');
  });
});

describe('patronymicRoots', () => {
  it('finds the father\u2019s name in either language and sex', () => {
    const root = (p: string): string[] => patronymicRoots(wordSkeletons(cleanName(p)));
    expect(root('Олександрович')).toEqual(root('Александровна'));
    expect(root('Сергіївна')).toEqual(root('Сергеевич'));
    expect(root('Aleksandrovna')).toEqual(root('Олександрівна'));
    expect(root('Миколайович').some((r) => givenNameGroups([r]).length > 0)).toBe(true);
  });
});

describe('places', () => {
  it('has a source note', () => {
    expect(PLACES_SOURCE).toMatch(/317-VIII/);
    expect(PLACES.length).toBeGreaterThan(50);
  });
  it.each([
    ['Маріуполь', 'Маріуполь'],
    ['Мариуполь', 'Маріуполь'],
    ['Жданов', 'Маріуполь'],
    ['Mariupol', 'Маріуполь'],
    ['Артёмовск', 'Бахмут'],
    ['Артемівськ', 'Бахмут'],
    ['Днепропетровск', 'Дніпро'],
    ['Кировоград', 'Кропивницький'],
    ['Цюрупинск', 'Олешки'],
    ['Коммунарск', 'Алчевськ'],
    ['Kharkiv', 'Харків'],
    ['Харьков', 'Харків'],
  ])('%s is %s', (name, canonical) => {
    expect(places(name)).toContain(canonical);
  });
});
