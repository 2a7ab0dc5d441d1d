import { describe, expect, it } from 'vitest';
import type { ExportSummary } from '@homeward/contracts';
import {
  exportBody,
  exportChoices,
  isDownloadable,
  lastMonth,
  type ExportForm,
} from '../src/pages/exports/exports.ts';

const form: ExportForm = {
  kind: 'dossiers',
  format: 'csv',
  partyCode: '',
  month: '2026-05',
  lang: 'uk',
  dossierId: '',
  hours: 24,
  recipient: '',
};

describe('export page', () => {
  it('offers only the kinds and formats the roles allow', () => {
    expect(exportChoices(['caseworker'])).toEqual({
      kinds: ['dossiers', 'requests', 'report-pdf'],
      recordFormats: ['csv', 'xlsx'],
    });
    expect(exportChoices(['auditor'])).toEqual({ kinds: ['report-pdf'], recordFormats: [] });
    expect(exportChoices(['viewer'])).toEqual({ kinds: [], recordFormats: [] });
    expect(exportChoices(['administrator']).recordFormats).toEqual(['jsonl', 'csv', 'xlsx', 'pfif']);
    expect(exportChoices(['administrator']).kinds).toContain('subject-access');
  });

  it('sends only the fields of the chosen kind', () => {
    expect(exportBody(form)).toEqual({ kind: 'dossiers', format: 'csv', expiresInHours: 24 });
    expect(exportBody({ ...form, partyCode: ' UA-X ', recipient: ' age1abc ' })).toEqual({
      kind: 'dossiers',
      format: 'csv',
      partyCode: 'UA-X',
      recipient: 'age1abc',
      expiresInHours: 24,
    });
    expect(exportBody({ ...form, kind: 'report-pdf', partyCode: 'UA-X' })).toEqual({
      kind: 'report-pdf',
      month: '2026-05',
      lang: 'uk',
      expiresInHours: 24,
    });
    expect(exportBody({ ...form, kind: 'subject-access', dossierId: 'd-1', hours: 2 })).toEqual({
      kind: 'subject-access',
      dossierId: 'd-1',
      expiresInHours: 2,
    });
  });

  it('suggests last month for the report, across a new year', () => {
    expect(lastMonth(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
    expect(lastMonth(new Date('2026-06-30T23:00:00Z'))).toBe('2026-05');
  });

  it('offers the download only before expiry', () => {
    const e = { status: 'available', expiresAt: '2026-06-02T10:00:00.000Z' } as ExportSummary;
    expect(isDownloadable(e, new Date('2026-06-02T09:59:00Z'))).toBe(true);
    expect(isDownloadable(e, new Date('2026-06-02T10:00:00Z'))).toBe(false);
    expect(isDownloadable({ ...e, status: 'expired' }, new Date('2026-06-01T00:00:00Z'))).toBe(false);
  });
});
