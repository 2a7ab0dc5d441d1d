import { describe, expect, it } from 'vitest';

import { toHex } from './bytes.ts';
import { assertNonPersonal, canonicalJson, encodeEntry, entryLeafHash, type LogEntry } from './entry.ts';
import { isTranslogError } from './errors.ts';

const transition: LogEntry = {
  v: 1,
  kind: 'status-transition',
  id: '0b9e6a55-7c1f-4d0e-9a57-2f4f0c1d8e21',
  time: '2026-06-01T09:00:00.000Z',
  party: 'UA-MinReint',
  subjectRef: 'case/51c2d7e0',
  from: 'confirmed',
  to: 'verification',
};

const refusedAt = (value: unknown): string | undefined => {
  try {
    assertNonPersonal(value);
  } catch (e) {
    return isTranslogError(e, 'PERSONAL_DATA_REFUSED') ? (e.details.path as string) : 'OTHER';
  }
  return undefined;
};

describe('log entry encoding', () => {
  it('uses RFC 8785 canonical JSON (sorted keys, ECMAScript numbers)', () => {
    expect(canonicalJson({ b: 1, a: [1, 'x'], c: { z: null, y: 1e21, x: 0.000001 } })).toBe(
      '{"a":[1,"x"],"b":1,"c":{"x":0.000001,"y":1e+21,"z":null}}',
    );
  });

  it('encodes an entry the same way whatever the key order', () => {
    const shuffled = Object.fromEntries(Object.entries(transition).reverse()) as LogEntry;
    expect(encodeEntry(shuffled)).toEqual(encodeEntry(transition));
    expect(new TextDecoder().decode(encodeEntry(transition))).toBe(
      '{"from":"confirmed","id":"0b9e6a55-7c1f-4d0e-9a57-2f4f0c1d8e21","kind":"status-transition","party":"UA-MinReint",' +
        '"subjectRef":"case/51c2d7e0","time":"2026-06-01T09:00:00.000Z","to":"verification","v":1}',
    );
  });

  it('keeps the leaf hash of a stored entry stable (golden value: changing it breaks every existing log)', () => {
    expect(toHex(entryLeafHash(transition))).toBe(GOLDEN);
  });
});

describe('personal-data guard', () => {
  it('refuses personal field names in any spelling and at any depth', () => {
    expect(refusedAt({ ...transition, meta: { first_name: 'x' } })).toBe('$.meta.first_name');
    expect(refusedAt({ meta: { DateOfBirth: 'x' } })).toBe('$.meta.DateOfBirth');
    expect(refusedAt({ photo: 'abc' })).toBe('$.photo');
  });

  it('refuses e-mail addresses, phone numbers, dates, long free text and nested free values', () => {
    expect(refusedAt({ meta: { contact: 'olena@example.org' } })).toBe('$.meta.contact');
    expect(refusedAt({ meta: { contact: '+380 44 123 4567' } })).toBe('$.meta.contact');
    expect(refusedAt({ meta: { born: '2012-04-17' } })).toBe('$.meta.born');
    expect(refusedAt({ meta: { reason: 'x'.repeat(201) } })).toBe('$.meta.reason');
    expect(refusedAt({ digests: [{ sha256: 'x' }] })).toBe('$.digests');
  });

  it('accepts hashes, ids, codes, counts and ISO times', () => {
    expect(refusedAt(transition)).toBeUndefined();
    expect(
      refusedAt({ sha: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', n: 12, ok: true }),
    ).toBeUndefined();
    // A UUID whose hex digits are all decimal (about 1 in 3 million) is still an id.
    expect(refusedAt({ party: '00000000-0000-4000-8000-000000000001' })).toBeUndefined();
    expect(() => encodeEntry({ ...transition, meta: { surname: 'x' } })).toThrow(/personal field names/);
  });
});

const GOLDEN = '15a83d4da348556d8ffe966af9600eba33857b8460c6208bf0c0d9caf652a226'; // computed independently: sha256(b'\x00' + canonical JSON) in Python
