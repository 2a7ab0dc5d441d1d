import { describe, expect, it } from 'vitest';
import { extractFeatures } from './features.ts';
import { MatchIndex } from './match-index.ts';
import { siblingKeys } from './siblings.ts';
import type { MatchRecord } from './types.ts';

// Two children removed together from one institution; the boy was adopted under a new identity.
const removed = {
  last_known_place: 'Херсон',
  displacement_date: '2022-10-21',
  institution: 'Херсонський обласний будинок дитини',
};
const sister: MatchRecord = {
  id: 'R1',
  given_name: 'Маргарита',
  family_name: 'Прокопенко',
  sex: 'F',
  birth_date: '2021-08-14',
  ...removed,
};
const brother: MatchRecord = {
  id: 'R2',
  given_name: 'Ілля',
  family_name: 'Прокопенко',
  sex: 'M',
  birth_date: '2019-02-03',
  ...removed,
};
const renamedBrother: MatchRecord = {
  ...brother,
  given_name: 'Илья',
  family_name: 'Миронов',
  other_names: ['Прокопенко'],
  birth_date: '2018-05-30',
};

const keys = (r: Omit<MatchRecord, 'id'>) => siblingKeys(extractFeatures({ id: 'x', ...r }));

describe('sibling groups', () => {
  it('groups records by surname, month of displacement and displacement place or institution', () => {
    expect(keys(sister).length).toBeGreaterThan(0);
    expect(keys({ ...sister, family_name: 'Ковальська' })).toEqual(
      keys({ ...brother, family_name: 'Ковальський' }),
    );
    // Same institution, no place; same place, no institution: still one group.
    expect(keys({ ...sister, last_known_place: null })).toEqual(
      expect.arrayContaining(keys({ ...brother, last_known_place: null })),
    );
    expect(keys({ ...sister, institution: null }).some((k) => keys(brother).includes(k))).toBe(true);
    expect(keys({ ...brother, displacement_date: '2022-12-01' }).some((k) => keys(sister).includes(k))).toBe(
      false,
    );
    expect(keys({ ...sister, displacement_date: '2022' })).toEqual([]);
  });

  it('lists the siblings of an indexed record, and forgets removed ones', () => {
    const index = new MatchIndex();
    for (const r of [
      sister,
      renamedBrother,
      { ...brother, id: 'R3', family_name: 'Шевченко', other_names: null },
    ])
      index.add(r);
    expect(index.siblingsOf('R1')).toEqual(['R2']);
    index.remove('R2');
    expect(index.siblingsOf('R1')).toEqual([]);
  });

  it('offers the renamed brother for a request naming both children', () => {
    const index = new MatchIndex();
    // Renamed beyond recognition (new given name, surname and date); only his former surname
    // and the removal tie his record to his sister's.
    for (const r of [sister, { ...renamedBrother, given_name: 'Кирилл' }]) index.add(r);
    const family = { family_name: 'Прокопенко', last_known_place: 'Херсон' };
    const girl: MatchRecord = {
      id: 'Q1',
      given_name: 'Маргарита',
      sex: 'F',
      birth_date: '2021-08-14',
      ...family,
    };
    const boy: MatchRecord = { id: 'Q2', given_name: 'Ілля', sex: 'M', birth_date: '2019-02-03', ...family };
    expect(index.query(girl)[0]).toMatchObject({ record_id: 'R1', decision: 'match' });
    expect(index.query(boy, { minScore: 0.5 }).map((c) => c.record_id)).not.toContain('R2');
    const [forGirl, forBoy] = index.queryFamily([girl, boy], { minScore: 0.5 });
    expect(forGirl?.map((c) => c.record_id)).toEqual(['R1']);
    const offered = forBoy?.find((c) => c.record_id === 'R2');
    expect(offered?.decision).toBe('possible');
    expect(offered?.evidence.at(-1)).toMatchObject({ field: 'sibling', weight: 0 });
  });
});
