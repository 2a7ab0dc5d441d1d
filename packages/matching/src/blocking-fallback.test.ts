import { describe, expect, it } from 'vitest';
import { areaKeys } from './blocking-fallback.ts';
import { extractFeatures } from './features.ts';
import { MatchIndex } from './match-index.ts';
import type { IndexOptions } from './match-index.ts';
import type { MatchRecord } from './types.ts';

// A child adopted under a new identity: every name, the patronymic and the birthplace differ.
const request: MatchRecord = {
  id: 'Q',
  given_name: 'Маргарита',
  family_name: 'Прокопенко',
  patronymic: 'Олегівна',
  sex: 'F',
  birth_date: '2021-08-14',
  last_known_place: 'Херсон',
  institution: 'Херсонський обласний будинок дитини',
};
const renamed = { given_name: 'Марина', family_name: 'Миронова', patronymic: 'Сергеевна', sex: 'F' };
const unrelated: MatchRecord[] = [
  { id: 'X1', given_name: 'Анна', family_name: 'Мельник', sex: 'F', birth_date: '2008-11-11' },
  { id: 'X2', given_name: 'Іван', family_name: 'Бойко', sex: 'M', birth_date: '2021-08-14' },
];

function candidates(records: MatchRecord[], query = request, options: IndexOptions = {}) {
  const index = new MatchIndex(undefined, options);
  for (const r of [...unrelated, ...records]) index.add(r);
  const f = extractFeatures(query);
  return { main: index.candidateIds(f), all: index.candidateIds(f, true) };
}

describe('names-free candidate generation', () => {
  it.each([
    [
      'same institution, year shifted and day falsified',
      { birth_date: '2020-03-02', institution: 'Херсонський обласний будинок дитини' },
    ],
    ['date two days off, Russian birthplace', { birth_date: '2021-08-16', birth_place: 'Подольск' }],
    ['same day, a year off', { birth_date: '2022-08-14', birth_place: 'Подольск' }],
    [
      'displaced from the same town (Russian spelling), another day that month',
      { birth_date: '2021-08-30', last_known_place: 'г. Херсон' },
    ],
    ['year and month only', { birth_date: '2021-08' }],
  ])('finds a record whose every name changed: %s', (_label, fields) => {
    const { main, all } = candidates([{ id: 'R', ...renamed, ...fields }]);
    expect(main).not.toContain('R');
    expect(all).toContain('R');
  });

  it('does not reach a record of the other sex or far in time', () => {
    const { all } = candidates([
      { id: 'M', ...renamed, sex: 'M', birth_date: '2021-08-15' },
      { id: 'Y', ...renamed, birth_date: '2017-08-14', institution: request.institution },
    ]);
    expect(all).not.toContain('M');
    expect(all).not.toContain('Y');
  });

  it('meets two dossiers of one child held in the same region, however the region is written', () => {
    const dossier = { ...renamed, birth_date: '2021-08-03', current_location: 'Ростовская обл.' };
    const other = {
      id: 'Q2',
      given_name: 'Marina',
      family_name: 'Ivanova',
      sex: 'F',
      birth_date: '2021-08-25',
      current_location: 'Ростовская область',
    };
    expect(areaKeys(extractFeatures({ id: 'a', ...dossier }))).toEqual(areaKeys(extractFeatures(other)));
    expect(candidates([{ id: 'R', ...dossier }], other).all).toContain('R');
  });

  it('skips names-free blocks above the size cap and stops at the candidate limit', () => {
    const crowd = Array.from({ length: 30 }, (_, i) => ({
      id: `C${i}`,
      ...renamed,
      birth_date: `2021-08-${String(15 + (i % 3)).padStart(2, '0')}`,
    }));
    const { main, all } = candidates(crowd, request, { fallbackLimit: 12 });
    expect(all.length - main.length).toBe(12);
    const institution = Array.from({ length: 10 }, (_, i) => ({
      id: `I${i}`,
      ...renamed,
      birth_date: '2020',
      institution: request.institution,
    }));
    expect(
      candidates(institution, request, { maxFallbackBlock: 9 }).all.filter((id) => id.startsWith('I')),
    ).toEqual([]);
    expect(
      candidates(institution, request, { maxFallbackBlock: 10 }).all.filter((id) => id.startsWith('I')),
    ).toHaveLength(10);
  });

  it('looks the names-free keys up only when no candidate is confident, unless told to', () => {
    const index = new MatchIndex();
    for (const r of [...unrelated, { id: 'R', ...renamed, birth_date: '2021-08-16' }]) index.add(r);
    index.add({ ...request, id: 'SAME' });
    index.query(request);
    expect(index.stats.fallbackQueries).toBe(0);
    index.remove('SAME');
    index.query(request, { minScore: 0 });
    expect(index.stats).toMatchObject({ queries: 2, fallbackQueries: 1, fallbackCandidates: 1 });
    const never = new MatchIndex(undefined, { fallback: 'never' });
    never.add({ id: 'R', ...renamed, birth_date: '2021-08-16' });
    expect(never.query(request, { minScore: 0 })).toEqual([]);
  });

  it('forgets a removed record', () => {
    const index = new MatchIndex();
    index.add({ id: 'R', ...renamed, birth_date: '2021-08-16', institution: request.institution });
    index.remove('R');
    expect(index.candidateIds(extractFeatures(request), true)).toEqual([]);
  });
});
