import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `homeward template` and `homeward import` of an XLSX file, as an operator runs them.
const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/homeward');
const dir = mkdtempSync(join(tmpdir(), 'hw-cli-import-'));
const env: Record<string, string | undefined> = { ...process.env, HOMEWARD_DATA_DIR: join(dir, 'data'), HOMEWARD_LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const cli = (args: string[]) => spawnSync(bin, args, { env, encoding: 'utf8', timeout: 60_000 });

describe('homeward template and import (XLSX)', () => {
  it('writes the template, imports a filled-in copy with a per-row report, and a re-run creates nothing', async () => {
    expect(cli(['party', 'create', '--code', 'UA-X', '--name', 'Test authority', '--kind', 'home-country-authority']).status).toBe(0);
    const template = join(dir, 'template.xlsx');
    const t = cli(['template', '--kind', 'dossiers', '--format', 'xlsx', '-o', template]);
    expect(t.status, t.stderr).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const ws = wb.getWorksheet('dossiers')!;
    const col = (name: string) => (ws.getRow(1).values as unknown[]).indexOf(name);
    const fill = (row: number, values: Record<string, unknown>) => Object.entries(values).forEach(([k, v]) => (ws.getCell(row, col(k)).value = v as ExcelJS.CellValue));
    fill(2, { source_id: 'X-1', given_name: 'Fictional', family_name: 'Child', sex: 'female', birth_date: new Date(Date.UTC(2013, 4, 1)) });
    fill(3, { source_id: 'X-2', given_name: 'Fictional', family_name: 'Twin', sex: 'male', birth_date: '2013-02-30' });
    fill(4, { source_id: 'X-3', given_name: 'Fictional', family_name: 'Third', sex: 'male', birth_date: '2012' });
    const file = join(dir, 'children.xlsx');
    await wb.xlsx.writeFile(file);

    const first = cli(['import', file, '--kind', 'dossiers', '--party', 'UA-X']);
    expect(first.status, first.stderr).toBe(3);
    expect(first.stdout).toContain('Sheet "dossiers".');
    expect(first.stdout).toContain('Read 3 rows');
    expect(first.stdout).toContain('2 created, 0 updated, 0 unchanged, 1 rejected');
    expect(first.stdout).toContain('row 3 VALIDATION_FAILED: birthDate');
    const report = `${file}.rejected.jsonl`;
    expect(existsSync(report)).toBe(true);
    expect(JSON.parse(readFileSync(report, 'utf8').trim())).toMatchObject({ line: 3, code: 'VALIDATION_FAILED' });

    const again = cli(['import', file, '--kind', 'dossiers', '--party', 'UA-X', '--report', join(dir, 'again.jsonl')]);
    expect(again.stdout).toContain('0 created, 0 updated, 2 unchanged, 1 rejected');

    writeFileSync(join(dir, 'wrong.csv'), 'source_id,givenname\nX-9,Fictional\n');
    const wrong = cli(['import', join(dir, 'wrong.csv'), '--kind', 'dossiers', '--party', 'UA-X']);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('does not match the dossiers template, so nothing was imported');
    expect(wrong.stderr).toContain('column B: is not a column of the template');
  });
});
