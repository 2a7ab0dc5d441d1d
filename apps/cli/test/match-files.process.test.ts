import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/homeward');

describe('homeward match-files', () => {
  it('finds a child across scripts, reports bad lines by number, and still matches the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-match-'));
    const records = [
      { id: 'R1', given_name: 'Александр', family_name: 'Коваленко', sex: 'M', birth_date: '2012-03-05', birth_place: 'Мариуполь' },
      { id: 'R2', given_name: 'Анна', family_name: 'Шевчук', sex: 'F', birth_date: '2014-07-01' },
      { id: 'R3', given_name: 'Aleksandr', family_name: 'KOVALENKO', sex: 'M', birth_date: '2009' },
    ];
    writeFileSync(join(dir, 'r.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n{broken\n' + JSON.stringify({ given_name: 'no id' }) + '\n' + JSON.stringify(records[0]) + '\n');
    writeFileSync(join(dir, 'q.jsonl'), [{ id: 'Q1', given_name: 'Олександр', family_name: 'Коваленко', sex: 'M', birth_date: '2012-03-05', birth_place: 'Маріуполь' }, { id: 'Q2', given_name: 'Ганна', family_name: 'Шевчук', sex: 'F', birth_date: '2014-07-01' }].map((r) => JSON.stringify(r)).join('\n'));
    const run = spawnSync(bin, ['match-files', '--records', join(dir, 'r.jsonl'), '--requests', join(dir, 'q.jsonl'), '--out', join(dir, 'm.jsonl'), '--top', '3'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/r\.jsonl:4:/);
    expect(run.stderr).toMatch(/r\.jsonl:5:/);
    expect(run.stderr).toMatch(/r\.jsonl:6:.*duplicate/i);
    const out = readFileSync(join(dir, 'm.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.request_id)).toEqual(['Q1', 'Q2']);
    expect(out[0].candidates[0].record_id).toBe('R1');
    expect(out[1].candidates[0].record_id).toBe('R2');
    expect(out[0].candidates[0].score).toBeGreaterThan(out[0].candidates.at(-1).score - 1e-9);
    expect(Array.isArray(out[0].candidates[0].evidence)).toBe(true);
  });
});
