import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMatchFiles } from './batch.ts';
import { DEFAULT_MODEL } from './model.ts';

const dir = mkdtempSync(join(tmpdir(), 'homeward-match-'));
const jsonl = (rows: (object | string)[]): string =>
  rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

const recordsPath = join(dir, 'records.jsonl');
const requestsPath = join(dir, 'requests.jsonl');
const outPath = join(dir, 'out.jsonl');
writeFileSync(
  recordsPath,
  jsonl([
    {
      id: 'R1',
      given_name: 'Александр',
      family_name: 'Коваленко',
      sex: 'M',
      birth_date: '2012-03-05',
      birth_place: 'Жданов',
    },
    '{"id": "R2", "given_name": "broken',
    { given_name: 'Без', family_name: 'Идентификатора' },
    { id: 'R3', given_name: 'Мария', family_name: 'Шевченко', sex: 'F', birth_date: '2015-07-01' },
    { id: 'R1', given_name: 'Дубликат' },
  ]),
);
writeFileSync(
  requestsPath,
  jsonl([
    {
      id: 'Q1',
      given_name: 'Олександр',
      family_name: 'Коваленко',
      sex: 'M',
      birth_date: '2012-03-05',
      birth_place: 'Маріуполь',
    },
    { id: 'Q2', given_name: 'Марія', family_name: 'Шевченко', sex: 'F', birth_date: '2015-07-01' },
    'not json',
    { id: 'Q3', given_name: 'Петро', family_name: 'Нікого', sex: 'M', birth_date: '2009-09-09' },
  ]),
);

describe('runMatchFiles', () => {
  it('reports bad lines with their line numbers and matches the rest', async () => {
    const s = await runMatchFiles({ recordsPath, requestsPath, outPath, top: 5, model: DEFAULT_MODEL });
    expect(s.errors).toEqual([
      { file: recordsPath, line: 2, message: expect.stringMatching(/^invalid JSON/) },
      { file: recordsPath, line: 3, message: 'missing id' },
      { file: recordsPath, line: 5, message: 'duplicate id R1 (first on line 1)' },
      { file: requestsPath, line: 3, message: expect.stringMatching(/^invalid JSON/) },
    ]);
    expect(s).toMatchObject({ records: 2, requests: 3, written: 3 });
    const out = readFileSync(outPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.request_id)).toEqual(['Q1', 'Q2', 'Q3']);
    expect(out[0].candidates[0]).toMatchObject({ record_id: 'R1', decision: 'match' });
    expect(Object.keys(out[0].candidates[0])).toEqual(['record_id', 'score', 'decision', 'evidence']);
    expect(out[1].candidates[0].record_id).toBe('R3');
    expect(out[2].candidates).toEqual([]);
  });

  it('estimates the model from the files when none is given', async () => {
    const s = await runMatchFiles({ recordsPath, requestsPath, outPath, top: 1 });
    expect(s.model.trainedOn).toMatch(/random pairs/);
    expect(JSON.parse(JSON.stringify(s.model))).toEqual(s.model);
  });
});
