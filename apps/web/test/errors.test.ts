import { loginBody, tracingRequestInput } from '@homeward/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.ts';
import { errorKey, fieldLabelKey, fromZodIssues, issueKey, normalizePath } from '../src/api/errors.ts';
import { en } from '../src/i18n/en.ts';

const exists = (key: string) =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], en) !== undefined;

describe('error wording', () => {
  it('maps each API error code to its own explanation', () => {
    for (const code of [
      'VALIDATION_FAILED',
      'UNAUTHENTICATED',
      'CSRF_REJECTED',
      'VERSION_CONFLICT',
      'NOT_FOUND',
      'TWO_FACTOR_INVALID',
    ]) {
      const { key } = errorKey(new ApiError(400, code, 'x'));
      expect(key).toBe(`errors.${code}`);
      expect(exists(key)).toBe(true);
    }
  });

  it('falls back sensibly for codes it does not know', () => {
    expect(errorKey(new ApiError(418, 'TEAPOT', 'x')).key).toBe('errors.unknown');
    expect(errorKey(new ApiError(502, 'SERVER_ERROR', 'x')).key).toBe('errors.INTERNAL');
    expect(errorKey(new Error('boom')).key).toBe('errors.unknown');
  });

  it('keeps the server reference of an internal error for the administrator', () => {
    expect(
      errorKey(new ApiError(500, 'INTERNAL', 'Something went wrong on our side. Reference: req-7f.')),
    ).toEqual({ key: 'errors.INTERNAL_REF', values: { ref: 'req-7f' } });
  });

  it('words the API rule messages and Zod messages', () => {
    expect(issueKey('is in the future').key).toBe('issues.future');
    expect(issueKey('must be a phone number').key).toBe('issues.phone');
    expect(issueKey('something new').key).toBe('issues.invalid');
    const bad = tracingRequestInput.safeParse({
      sought: { names: [{ givenName: '' }], birthDate: '2015-02-30' },
      requester: { name: 'x'.repeat(201), relationship: 'cousin', contact: { email: 'nope' } },
    });
    expect(bad.success).toBe(false);
    const keys = Object.fromEntries(
      fromZodIssues(bad.error!.issues).map((i) => [i.path, issueKey(i.message).key]),
    );
    expect(keys).toMatchObject({
      'sought.names.0.givenName': 'issues.required',
      'sought.birthDate': 'issues.notRealDate',
      'requester.name': 'issues.tooLong',
      'requester.relationship': 'issues.choose',
      'requester.contact.email': 'issues.email',
    });
    const login = loginBody.safeParse({ email: 'not-an-email', password: '' });
    expect(
      fromZodIssues(login.error!.issues)
        .map((i) => issueKey(i.message).key)
        .sort(),
    ).toEqual(['issues.email', 'issues.required']);
    for (const k of Object.values(keys)) expect(exists(k)).toBe(true);
  });

  it('reads API paths with or without the body. prefix and labels them', () => {
    expect(normalizePath('body.sought.birthDate')).toBe('sought.birthDate');
    expect(fieldLabelKey('body.sought.names.0.givenName')).toBe('fields.givenName');
    expect(fieldLabelKey('sought.displacement.date')).toBe('fields.displacementDate');
    expect(fieldLabelKey('requester.contact.phone')).toBe('fields.phone');
    expect(fieldLabelKey('mystery')).toBeNull();
  });
});
