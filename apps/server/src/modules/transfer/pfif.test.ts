import { dossierInput, tracingRequestInput } from '@homeward/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { readPfif } from './pfif-reader.ts';
import { ageOn, personRecordId, writePfif } from './pfif-writer.ts';

const watermark = { exportId: 'exp-1', userId: 'user-1', partyCode: 'UA-T', createdAt: '2026-06-01T10:00:00.000Z', expiresAt: '2026-06-08T10:00:00Z' };
const domain = 'homeward.example.org';

const dossier = dossierInput.parse({
  sourceId: 'S-1',
  names: [
    { givenName: 'Олександр', familyName: 'Коваленко', patronymic: 'Сергійович' },
    { givenName: 'Александр', familyName: 'Смирнов', kind: 'other' },
  ],
  sex: 'male',
  birthDate: '2012-03',
  displacement: { place: 'Маріуполь & <околиці>' },
  biography: 'Fictional biography.\nSecond line.',
});
const request = tracingRequestInput.parse({
  sourceId: 'R-1',
  sought: { names: [{ givenName: 'Anna', familyName: 'Shevchenko' }], sex: 'female', birthDate: '2014-11-02', lastKnownPlace: 'Kherson' },
  requester: { name: 'Fictional Mother', relationship: 'mother', contact: { phone: '+380 44 000 0000', email: 'mother@example.invalid', address: 'Fictional street 1' } },
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
};
const pfif = (body: string, ns = 'http://zesty.ca/pfif/1.4') => `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="${ns}">\n${body}\n</pfif:pfif>\n`;

describe('PFIF 1.4 export and import', () => {
  it('round-trips a dossier: what PFIF carries comes back unchanged, onto the same source id', () => {
    const xml = writePfif('dossiers', [dossier as never], watermark, domain).toString();
    expect(xml).toContain('<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">');
    expect(xml).toContain(`<pfif:person_record_id>${domain}/S-1</pfif:person_record_id>`);
    expect(xml).toContain('<pfif:full_name>Олександр Сергійович Коваленко</pfif:full_name>');
    expect(xml).toContain('<pfif:age>14</pfif:age>'); // born March 2012, on 1 June 2026
    expect(xml).toContain('<pfif:expiry_date>2026-06-08T10:00:00Z</pfif:expiry_date>');
    const rows = readPfif(xml, 'dossiers', domain);
    expect(rows).toHaveLength(1);
    const back = dossierInput.parse((rows[0] as { value: unknown }).value);
    expect(back).toEqual({ ...dossier, names: [dossier.names[0], { ...dossier.names[1], script: undefined }].map((n) => JSON.parse(JSON.stringify(n))) });
  });

  it('writes requests without the requester, the last known place as a note, and reads them back', () => {
    const xml = writePfif('requests', [request as never], watermark, domain).toString();
    expect(xml).not.toMatch(/Fictional Mother|\+380|mother@|Fictional street|author_email|author_phone/);
    expect(xml).toContain('<pfif:last_known_location>Kherson</pfif:last_known_location>');
    const rows = readPfif(xml, 'requests', domain);
    expect(rows).toEqual([{ line: 4, value: expect.objectContaining({ sourceId: 'R-1', sought: expect.objectContaining({ lastKnownPlace: 'Kherson', birthDate: '2014-11-02' }) }) }]);
  });

  it('puts the watermark in an XML comment with ids and times only', () => {
    const xml = writePfif('dossiers', [dossier as never], watermark, domain).toString();
    const comment = /<!--(.*?)-->/s.exec(xml)![1]!;
    expect(comment).toContain('exp-1');
    expect(comment).toContain('UA-T');
    expect(comment).not.toMatch(/Олександр|Коваленко/);
  });

  it("maps a foreign PFIF record to a request: person_record_id as source id, author as requester, notes skipped with a reason", () => {
    const xml = pfif(`  <pfif:person>
    <pfif:person_record_id>example.org/p.17</pfif:person_record_id>
    <pfif:author_name>Fictional Father</pfif:author_name>
    <pfif:author_phone>+380 44 111 1111</pfif:author_phone>
    <pfif:full_name>Ivan Petrovych Bondar</pfif:full_name>
    <pfif:given_name>Ivan</pfif:given_name>
    <pfif:family_name>Bondar</pfif:family_name>
    <pfif:alternate_names>Иван Бондарь</pfif:alternate_names>
    <pfif:sex>other</pfif:sex>
    <pfif:date_of_birth>2011</pfif:date_of_birth>
    <pfif:note>
      <pfif:note_record_id>example.org/n.1</pfif:note_record_id>
      <pfif:author_name>Someone</pfif:author_name>
      <pfif:text>Seen at the station.</pfif:text>
    </pfif:note>
  </pfif:person>
  <pfif:note>
    <pfif:note_record_id>example.org/n.2</pfif:note_record_id>
    <pfif:person_record_id>example.org/p.17</pfif:person_record_id>
    <pfif:last_known_location>Zaporizhzhia</pfif:last_known_location>
    <pfif:text>Moved.</pfif:text>
  </pfif:note>`);
    const rows = readPfif(xml, 'requests', domain);
    expect(rows.map((r) => [r.line, 'code' in r ? r.code : 'person'])).toEqual([
      [3, 'person'],
      [13, 'SKIPPED'],
    ]);
    const value = tracingRequestInput.parse((rows[0] as { value: unknown }).value);
    expect(value).toMatchObject({
      sourceId: 'example.org/p.17',
      sought: { names: [{ givenName: 'Ivan', patronymic: 'Petrovych', familyName: 'Bondar', kind: 'primary' }, { givenName: 'Иван', familyName: 'Бондарь', kind: 'other' }], sex: 'unknown', birthDate: '2011', lastKnownPlace: 'Zaporizhzhia' },
      requester: { name: 'Fictional Father', relationship: 'other', contact: { phone: '+380 44 111 1111' } },
    });
    expect(JSON.stringify(rows[1])).not.toContain('station');
    // Into dossiers, every note is skipped.
    expect(readPfif(xml, 'dossiers', domain).filter((r) => 'code' in r)).toHaveLength(2);
  });

  it('refuses XXE and entity expansion (any DOCTYPE) before parsing', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE pfif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${pfif('<pfif:person><pfif:full_name>&xxe;</pfif:full_name></pfif:person>').split('\n').slice(1).join('\n')}`;
    expect(refusal(() => readPfif(xxe, 'dossiers', domain)).code).toBe('IMPORT_XML_DTD_REFUSED');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person><pfif:full_name>&lol2;</pfif:full_name></pfif:person></pfif:pfif>`;
    expect(refusal(() => readPfif(laughs, 'dossiers', domain)).code).toBe('IMPORT_XML_DTD_REFUSED');
  });

  it('refuses malformed XML with its line, and XML that is not PFIF 1.4', () => {
    const err = refusal(() => readPfif(pfif('  <pfif:person>\n    <pfif:full_name>Anna</pfif:given_name>\n  </pfif:person>'), 'dossiers', domain));
    expect(err.code).toBe('IMPORT_XML_MALFORMED');
    expect(err.details).toMatchObject({ line: 4 });
    expect(err.message).not.toContain('Anna');
    expect(refusal(() => readPfif(pfif('<pfif:person/>', 'http://zesty.ca/pfif/1.2'), 'dossiers', domain)).code).toBe('IMPORT_NOT_PFIF');
    expect(refusal(() => readPfif('<people><person/></people>', 'dossiers', domain)).code).toBe('IMPORT_NOT_PFIF');
  });

  it('keeps foreign record ids, prefixes local ones, and gives an age range for a partial birth date', () => {
    expect(personRecordId(domain, 'example.org/p.17')).toBe('example.org/p.17');
    expect(personRecordId(domain, 'RU-2023-00017')).toBe(`${domain}/RU-2023-00017`);
    expect(ageOn('2012-06-02', '2026-06-01')).toBe('13');
    expect(ageOn('2012', '2026-06-01')).toBe('13-14');
    expect(ageOn('2027', '2026-06-01')).toBeUndefined();
  });
});
