import { describe, expect, it } from 'vitest';
import { canonicalJson, sameAsLastSent } from './source-records.repository.ts';

describe('re-sent source records', () => {
  it('are the same whatever the key order (jsonb sorts keys) and whatever undefined fields', () => {
    const stored = { sex: 'male', names: [{ familyName: 'Коваленко', givenName: 'Олег' }], birthDate: '2012-03' };
    const input = { names: [{ givenName: 'Олег', familyName: 'Коваленко', patronymic: undefined }], birthDate: '2012-03', sex: 'male', note: undefined };
    expect(sameAsLastSent(stored, input)).toBe(true);
    expect(sameAsLastSent(JSON.stringify(stored), input)).toBe(true);
  });

  it('differ when any value, array order or nesting differs', () => {
    const stored = { names: [{ givenName: 'Олег' }, { givenName: 'Oleh' }], birthDate: '2012-03' };
    expect(sameAsLastSent(stored, { names: [{ givenName: 'Oleh' }, { givenName: 'Олег' }], birthDate: '2012-03' })).toBe(false);
    expect(sameAsLastSent(stored, { names: [{ givenName: 'Олег' }, { givenName: 'Oleh' }], birthDate: '2012-04' })).toBe(false);
    expect(sameAsLastSent(stored, { names: [{ givenName: 'Олег' }, { givenName: 'Oleh' }], birthDate: '2012-03', sex: 'male' })).toBe(false);
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 1, e: 0 }] }, a: null })).toBe('{"a":null,"b":{"c":[2,{"e":0,"f":1}],"d":1}}');
  });
});
