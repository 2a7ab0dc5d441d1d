import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  fieldIssues,
  fieldForPath,
  localToday,
  validate,
} from '../src/pages/requests/request-form.ts';

const today = '2026-11-23';
const filled = {
  ...emptyForm,
  givenName: 'Олександр',
  familyName: 'Марченко',
  birthDate: '2015-07',
  requesterName: 'Тетяна Марченко',
  relationship: 'mother',
};

describe('tracing-request form', () => {
  it('accepts a minimal family report and builds the API body', () => {
    const r = validate(filled, today);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.sought.names[0]).toMatchObject({
      givenName: 'Олександр',
      familyName: 'Марченко',
      kind: 'primary',
    });
    expect(r.input.sought.birthDate).toBe('2015-07');
    expect(r.input.requester).toMatchObject({ name: 'Тетяна Марченко', relationship: 'mother' });
    expect(r.input.sought.birthPlace).toBeUndefined();
  });

  it('asks for the three required fields', () => {
    const r = validate(emptyForm, today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(fieldIssues(r.issues)).sort()).toEqual(['givenName', 'relationship', 'requesterName']);
  });

  it('refuses a birth date in the future, as the API does', () => {
    const r = validate({ ...filled, birthDate: '2031-01-01' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(fieldIssues(r.issues)).toEqual({ birthDate: 'is in the future' });
    expect(validate({ ...filled, birthDate: '2026-11-23' }, today).ok).toBe(true);
  });

  it('refuses a displacement before birth, at the coarser precision', () => {
    const r = validate({ ...filled, birthDate: '2015-07', displacementDate: '2014' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(fieldIssues(r.issues)).toEqual({ displacementDate: 'is before the birth date' });
    expect(validate({ ...filled, birthDate: '2015-07-20', displacementDate: '2015' }, today).ok).toBe(true);
  });

  it('checks formats with the shared schema', () => {
    const r = validate({ ...filled, birthDate: '07/2015', phone: 'call me', email: 'x@' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(fieldIssues(r.issues)).sort()).toEqual(['birthDate', 'email', 'phone']);
  });

  it('places API issues on form fields', () => {
    expect(fieldForPath('body.sought.birthDate')).toBe('birthDate');
    expect(fieldForPath('requester.contact.email')).toBe('email');
    expect(fieldForPath('sought.names.0.givenName')).toBe('givenName');
  });

  it('knows today in the local calendar', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
