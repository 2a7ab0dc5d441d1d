import { describe, expect, it } from 'vitest';
import { measureBlockingRecall } from './blocking-recall.ts';
import { MatchIndex } from './match-index.ts';
import type { MatchRecord } from './types.ts';

const q: MatchRecord = {
  id: 'Q',
  given_name: 'Олександр',
  family_name: 'Коваленко',
  sex: 'M',
  birth_date: '2012-03-05',
  birth_place: 'Маріуполь',
};

function recallFor(record: Omit<MatchRecord, 'id'>): number {
  const index = new MatchIndex();
  index.add({ id: 'R', ...record });
  index.add({ id: 'X', given_name: 'Анна', family_name: 'Мельник', sex: 'F', birth_date: '2008-11-11' });
  return measureBlockingRecall(index, [{ query: q, recordId: 'R' }]).recall;
}

describe('blocking', () => {
  it.each([
    [
      'Russian form, new surname',
      { given_name: 'Александр', family_name: 'Смирнов', birth_date: '2012-03-05' },
    ],
    [
      'every name changed: date and sex',
      { given_name: 'Марк', family_name: 'Смирнов', sex: 'M', birth_date: '2012-03-05' },
    ],
    [
      'day and month swapped',
      { given_name: 'Марк', family_name: 'Смирнов', sex: 'M', birth_date: '2012-05-03' },
    ],
    [
      'year shifted, new surname',
      { given_name: 'Aleksandr', family_name: 'Smirnov', birth_date: '2013-03-05' },
    ],
    [
      'falsified date, same names',
      { given_name: 'Александр', family_name: 'Коваленко', birth_date: '2010-09-17' },
    ],
    [
      'no date, new surname, birthplace',
      { given_name: 'Александр', family_name: 'Смирнов', birth_place: 'Жданов' },
    ],
    ['swapped names', { given_name: 'Коваленко', family_name: 'Александр', birth_date: '2012' }],
  ])('finds the record: %s', (_label, record) => {
    expect(recallFor(record)).toBe(1);
  });

  it('does not propose an unrelated record', () => {
    const index = new MatchIndex();
    index.add({ id: 'X', given_name: 'Анна', family_name: 'Мельник', sex: 'F', birth_date: '2008-11-11' });
    const r = measureBlockingRecall(index, [{ query: q, recordId: 'X' }]);
    expect(r.recall).toBe(0);
    expect(r.missed).toEqual([{ queryId: 'Q', recordId: 'X' }]);
    expect(r.meanCandidates).toBe(0);
  });
});
