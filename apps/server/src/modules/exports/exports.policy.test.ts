import { exportPermission, exportPermissions, hasPermission, recordExportFormats, roles, type Role } from '@homeward/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { exportFileName, exportSettings, expiryOf, isExpired } from './exports.policy.ts';

const now = new Date('2026-06-01T10:00:00Z');
const defaults = { defaultHours: 24, maxHours: 168 };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return null;
};

describe('export expiry', () => {
  it('lasts 24 hours unless asked otherwise, and at most seven days', () => {
    expect(expiryOf(now, undefined, defaults).toISOString()).toBe('2026-06-02T10:00:00.000Z');
    expect(expiryOf(now, 1, defaults).toISOString()).toBe('2026-06-01T11:00:00.000Z');
    expect(expiryOf(now, 168, defaults).toISOString()).toBe('2026-06-08T10:00:00.000Z');
    for (const h of [0, -1, 169, 1.5]) expect(codeOf(() => expiryOf(now, h, defaults)), String(h)).toBe('VALIDATION_FAILED');
  });

  it('obeys a deployment that allows less', () => {
    const short = exportSettings({ HOMEWARD_EXPORT_DEFAULT_HOURS: '4', HOMEWARD_EXPORT_MAX_HOURS: '8' });
    expect(short).toEqual({ defaultHours: 4, maxHours: 8 });
    expect(expiryOf(now, undefined, short).toISOString()).toBe('2026-06-01T14:00:00.000Z');
    expect(codeOf(() => expiryOf(now, 9, short))).toBe('VALIDATION_FAILED');
  });

  it('refuses a configuration past seven days, or a default over the maximum', () => {
    expect(exportSettings({})).toEqual(defaults);
    expect(codeOf(() => exportSettings({ HOMEWARD_EXPORT_MAX_HOURS: '169' }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => exportSettings({ HOMEWARD_EXPORT_DEFAULT_HOURS: '0' }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => exportSettings({ HOMEWARD_EXPORT_DEFAULT_HOURS: '48', HOMEWARD_EXPORT_MAX_HOURS: '24' }))).toBe('CONFIG_INVALID');
  });

  it('is expired from the expiry instant, or as soon as the ciphertext is gone', () => {
    const expiresAt = new Date('2026-06-02T10:00:00Z');
    expect(isExpired({ expires_at: expiresAt, ciphertext: Buffer.alloc(1) }, new Date('2026-06-02T09:59:59.999Z'))).toBe(false);
    expect(isExpired({ expires_at: expiresAt, ciphertext: Buffer.alloc(1) }, expiresAt)).toBe(true);
    expect(isExpired({ expires_at: expiresAt, ciphertext: null }, now)).toBe(true);
  });

  it('names the file by id and format only', () => {
    expect(exportFileName('0b9e6a55-7c1f-4d0e-9a57-2f4f0c1d8e21', 'csv')).toBe('homeward-export-0b9e6a55-7c1f-4d0e-9a57-2f4f0c1d8e21.csv.age');
  });
});

describe('one permission per export format', () => {
  it('maps each record format and each document to its own permission', () => {
    expect(recordExportFormats.map((format) => exportPermission({ kind: 'dossiers', format }))).toEqual(['export.jsonl', 'export.csv', 'export.xlsx', 'export.pfif']);
    expect(exportPermission({ kind: 'requests', format: 'csv' })).toBe('export.csv');
    expect(exportPermission({ kind: 'report-pdf', format: 'pdf' })).toBe('export.report-pdf');
    expect(exportPermission({ kind: 'subject-access', format: 'json' })).toBe('export.subject-access');
  });

  it('grants record formats only to roles that see every tier (an export of the own party carries them all)', () => {
    const held = (role: Role) => exportPermissions.filter((p) => hasPermission([role], p));
    expect(held('administrator')).toEqual([...exportPermissions]);
    expect(held('caseworker')).toEqual(['export.csv', 'export.xlsx', 'export.report-pdf']);
    expect(held('auditor')).toEqual(['export.report-pdf']);
    for (const role of ['match-reviewer', 'verifier', 'communications-officer', 'viewer'] as const) expect(held(role), role).toEqual([]);
    // Whoever holds a format also holds export.own (list, download); nobody holds it for nothing.
    for (const role of roles) expect(hasPermission([role], 'export.own'), role).toBe(held(role).length > 0);
  });
});
