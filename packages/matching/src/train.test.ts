import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.ts';
import { seededRandom, trainModel } from './train.ts';
import type { MatchRecord } from './types.ts';

// A small population: each child has a Ukrainian request and a Russian-form record, some
// with a shifted date, none with labels.
const NAMES: [string, string][] = [
  ['Олександр', 'Александр'],
  ['Дмитро', 'Дмитрий'],
  ['Сергій', 'Сергей'],
  ['Микола', 'Николай'],
  ['Іван', 'Иван'],
  ['Андрій', 'Андрей'],
  ['Юрій', 'Юрий'],
  ['Павло', 'Павел'],
];
const SURNAMES = [
  'Коваленко',
  'Шевченко',
  'Бондаренко',
  'Мельник',
  'Ткаченко',
  'Кравчук',
  'Олійник',
  'Гончар',
  'Лисенко',
  'Савченко',
  'Руденко',
  'Мороз',
  'Петренко',
  'Кузьменко',
  'Левченко',
  'Білик',
];
const PLACES: [string, string][] = [
  ['Маріуполь', 'Жданов'],
  ['Херсон', 'Херсон'],
  ['Бахмут', 'Артёмовск'],
  ['Харків', 'Харьков'],
];

function population(n: number): { records: MatchRecord[]; requests: MatchRecord[] } {
  const rnd = seededRandom(7);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const records: MatchRecord[] = [];
  const requests: MatchRecord[] = [];
  for (let i = 0; i < n; i++) {
    const [uk, ru] = pick(NAMES);
    const family = pick(SURNAMES);
    const [ukPlace, ruPlace] = pick(PLACES);
    const y = 2006 + Math.floor(rnd() * 16);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    const date = (dd: number): string => `${y}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
    requests.push({
      id: `Q${i}`,
      given_name: uk,
      family_name: family,
      sex: 'M',
      birth_date: date(d),
      birth_place: ukPlace,
    });
    records.push({
      id: `R${i}`,
      given_name: ru,
      family_name: family,
      sex: 'M',
      birth_date: rnd() < 0.8 ? date(d) : date(Math.min(28, d + 2)),
      birth_place: ruPlace,
    });
  }
  return { records, requests };
}

describe('trainModel', () => {
  const { records, requests } = population(3000);
  const index = new MatchIndex();
  for (const r of records) index.add(r);
  const params = trainModel(index, requests);
  const field = (name: string) => params.fields.find((f) => f.name === name);

  it('learns that agreement is likely for matches and rare by chance', () => {
    const given = field('given_name');
    expect(given?.m[0]).toBeGreaterThan(0.8);
    expect(given?.u[0]).toBeLessThan(0.3);
    const dob = field('birth_date');
    expect(dob?.m[0]).toBeGreaterThan(0.6);
    expect(dob?.m[1]).toBeGreaterThan(0.1);
    expect(dob?.u[0]).toBeLessThan(0.01);
  });

  it('estimates about one match per request for the prior', () => {
    expect(params.expectedMatchesPerQuery).toBeGreaterThan(0.5);
    expect(params.expectedMatchesPerQuery).toBeLessThan(1.6);
  });

  it('ranks the true record first for nearly every request', () => {
    index.setModel(params);
    const hits = requests.filter(
      (q) => index.query(q, { top: 1 })[0]?.record_id === `R${q.id.slice(1)}`,
    ).length;
    expect(hits / requests.length).toBeGreaterThan(0.95);
  });
});
