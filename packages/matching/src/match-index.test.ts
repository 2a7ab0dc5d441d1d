import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.ts';
import { DEFAULT_MODEL } from './model.ts';
import type { ModelParams } from './model.ts';
import type { MatchRecord } from './types.ts';

const held: MatchRecord = {
  id: 'R1',
  given_name: 'Александр',
  family_name: 'Коваленко',
  patronymic: 'Петрович',
  sex: 'M',
  birth_date: '2012-03-05',
  birth_place: 'Мариуполь',
};
const request: MatchRecord = {
  id: 'Q1',
  given_name: 'Олександр',
  family_name: 'Коваленко',
  patronymic: 'Петрович',
  sex: 'M',
  birth_date: '2012-03-05',
  birth_place: 'Маріуполь',
};
const others: MatchRecord[] = [
  {
    id: 'R2',
    given_name: 'Мария',
    family_name: 'Шевченко',
    sex: 'F',
    birth_date: '2015-07-01',
    birth_place: 'Херсон',
  },
  { id: 'R3', given_name: 'Дмитрий', family_name: 'Бондаренко', sex: 'M', birth_date: '2010-01-20' },
];

function indexOf(records: MatchRecord[], params?: ModelParams): MatchIndex {
  const index = new MatchIndex(params);
  for (const r of records) index.add(r);
  return index;
}

describe('MatchIndex', () => {
  it('finds the Russian-form record of a Ukrainian request and explains the score', () => {
    const index = indexOf([held, ...others]);
    const [best] = index.query(request);
    expect(best?.record_id).toBe('R1');
    expect(best?.decision).toBe('match');
    expect(best?.score).toBeGreaterThan(0.9);
    const given = best?.evidence.find((e) => e.field === 'given_name');
    expect(given?.level).toBe('same name');
    expect(given?.values).toEqual(['олександр', 'александр']);
    expect(best?.evidence.find((e) => e.field === 'place')?.level).toBe('same birthplace');
  });

  it('explains the score as a waterfall that adds up, starting from the prior', () => {
    const adopted = { ...held, family_name: 'Смирнов' };
    const [best] = indexOf([adopted, ...others]).query(request);
    const lines = best?.evidence ?? [];
    expect(lines[0]?.field).toBe('prior');
    expect(lines[0]?.weight).toBeLessThan(0);
    const total = lines.reduce((sum, e) => sum + e.weight, 0);
    expect(total).toBeCloseTo(best?.weight ?? 0, 1);
    expect(best?.score).toBeCloseTo(1 / (1 + 2 ** -total), 2);
    expect(lines.find((e) => e.field === 'family_name')?.level).toBe('different surname');
  });

  it('caps how much an often-altered field counts against a match, and says so', () => {
    const fields = DEFAULT_MODEL.fields.map((f) =>
      f.name === 'family_name' ? { ...f, m: [0.8, 0.1, 0.099, 0.001] } : f,
    );
    const adopted = { ...held, family_name: 'Смирнов' };
    const [best] = indexOf([adopted, ...others], { ...DEFAULT_MODEL, fields }).query(request);
    const family = best?.evidence.find((e) => e.field === 'family_name');
    expect(family?.weight).toBe(-3);
    expect(family?.level).toMatch(/^different surname \(counts only a little/);
  });

  it('still proposes a child whose names were all changed, by date, sex and place, as possible only', () => {
    const renamed = {
      ...held,
      given_name: 'Марк',
      family_name: 'Смирнов',
      patronymic: 'Сергеевич',
      birth_place: 'Жданов',
    };
    const [best] = indexOf([renamed, ...others]).query(request, { minScore: 0 });
    expect(best?.record_id).toBe('R1');
    expect(best?.decision).toBe('possible');
    expect(best?.evidence.find((e) => e.field === 'given_name')?.weight).toBeLessThan(0);
  });

  it('does not call a sibling with another given name a match', () => {
    const twin = { ...held, id: 'R9', given_name: 'Богдан' };
    const results = indexOf([twin, ...others]).query(request, { minScore: 0 });
    expect(results.every((c) => c.decision !== 'match')).toBe(true);
  });

  it('removes and updates records incrementally', () => {
    const index = indexOf([held, ...others]);
    expect(index.size).toBe(3);
    expect(index.remove('R1')).toBe(true);
    expect(index.remove('R1')).toBe(false);
    expect(index.size).toBe(2);
    expect(index.query(request).map((c) => c.record_id)).not.toContain('R1');
    index.add(held);
    index.update({ ...held, given_name: 'Ирина', sex: 'F' });
    expect(index.size).toBe(3);
    const [best] = index.query(request, { minScore: 0 });
    expect(best?.record_id).toBe('R1');
    expect(best?.decision).toBe('possible');
    index.update({ ...held });
    expect(index.query(request)[0]?.decision).toBe('match');
    for (let i = 0; i < 100; i++) index.update({ ...others[0]!, given_name: i % 2 ? 'Мария' : 'Марія' });
    expect(index.size).toBe(3);
    expect([...index.allFeatures()].length).toBe(3);
    expect(index.query({ ...others[0]!, id: 'Q2' })[0]?.record_id).toBe('R2');
  });

  it('explains any pair for the side-by-side view, even one blocking would not propose', () => {
    const index = indexOf([held, ...others]);
    const pair = index.explainPair(request, 'R2');
    expect(pair).toMatchObject({ record_id: 'R2', decision: 'possible' });
    expect(pair?.score).toBeLessThan(0.01);
    expect(pair?.evidence.find((e) => e.field === 'sex')?.level).toBe('different sex');
    expect(index.explainPair(request, 'nope')).toBeNull();
  });

  it('proposes dossier duplicates among indexed records, excluding the record itself', () => {
    const index = indexOf([held, { ...request, id: 'D2' }, ...others]);
    const dups = index.queryRecord('R1');
    expect(dups.map((c) => c.record_id)).toEqual(['D2']);
    expect(index.queryRecord('missing')).toEqual([]);
  });

  it('takes its thresholds and vetoes from serialisable model parameters', () => {
    const renamed = { ...held, given_name: 'Марк', family_name: 'Смирнов' };
    expect(indexOf([renamed, ...others]).query(request)[0]?.decision).toBe('possible');
    const lenient: ModelParams = JSON.parse(
      JSON.stringify({ ...DEFAULT_MODEL, thresholds: { match: 0.01, possible: 0.001 }, vetoes: {} }),
    );
    const [best] = indexOf([renamed, ...others], lenient).query(request);
    expect(best).toMatchObject({ record_id: 'R1', decision: 'match' });
  });

  it('weighs a common surname less than a rare one (term frequency)', () => {
    const common = Array.from({ length: 40 }, (_, i) => ({
      id: `C${i}`,
      given_name: 'Иван',
      family_name: 'Коваленко',
      birth_date: `${1990 + (i % 10)}-01-01`,
    }));
    const rare = { ...held, id: 'R5', family_name: 'Загорулько' };
    const index = indexOf([held, rare, ...common]);
    const weightOf = (family: string, id: string): number =>
      index
        .query({ ...request, family_name: family }, { top: 50, minScore: 0 })
        .find((c) => c.record_id === id)
        ?.evidence.find((e) => e.field === 'family_name')?.weight ?? 0;
    expect(weightOf('Загорулько', 'R5')).toBeGreaterThan(weightOf('Коваленко', 'R1'));
  });
});
