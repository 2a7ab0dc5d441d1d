import type { DossierInput, PersonName, TracingRequestInput } from '@homeward/contracts';
import type { RecordKind } from './import.service.ts';
import type { ExportWatermark } from './writers.ts';

export const PFIF_NS = 'http://zesty.ca/pfif/1.4';

/** The domain that names this instance's PFIF records (`<domain>/<source id>`); `.invalid` until configured. */
export const pfifDomain = (): string => process.env.HOMEWARD_PFIF_DOMAIN?.trim() || 'homeward.invalid';

/** A PFIF record id: a source id that already is one (a PFIF record imported here) is kept; others get our domain. */
export function personRecordId(domain: string, sourceId: string): string {
  return /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\/./.test(sourceId) ? sourceId : `${domain}/${sourceId}`;
}

// XML 1.0 allows tab, newline, carriage return and U+0020 upwards (less surrogates and U+FFFE/F).
// eslint-disable-next-line no-control-regex
const notXmlChar = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const escapeXml = (s: string) => s.replace(notXmlChar, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pfifTime = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** How names are written in full: given, patronymic, family (the order the reader splits on). */
export const fullName = (n: Pick<PersonName, 'givenName' | 'familyName' | 'patronymic'>) => [n.givenName, n.patronymic, n.familyName].filter(Boolean).join(' ');

/** Age in whole years on `day` (YYYY-MM-DD), or a range `a-b` when the birth date is only a year or a month. */
export function ageOn(birthDate: string | undefined, day: string): string | undefined {
  if (!birthDate) return undefined;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number?, number?];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const years = (month: number, dom: number) => y - by - (m < month || (m === month && d < dom) ? 1 : 0);
  const oldest = years(bm ?? 1, bd ?? 1);
  const youngest = years(bm ?? 12, bd ?? 31);
  if (oldest < 0) return undefined;
  return oldest === youngest ? String(oldest) : `${Math.max(0, youngest)}-${oldest}`;
}

type Exported = (DossierInput | TracingRequestInput) & { sourceId: string };

function personXml(kind: RecordKind, input: Exported, domain: string, w: ExportWatermark): string {
  const identity = kind === 'dossiers' ? (input as DossierInput) : (input as TracingRequestInput).sought;
  const [primary, ...others] = identity.names;
  const id = personRecordId(domain, input.sourceId);
  const fields: Array<[string, string | undefined]> = [
    ['person_record_id', id],
    ['entry_date', pfifTime(w.createdAt)],
    ['expiry_date', pfifTime(w.expiresAt)],
    ['source_name', 'Homeward'],
    ['source_date', pfifTime(w.createdAt)],
    ['full_name', primary ? fullName(primary) : undefined],
    ['given_name', primary?.givenName],
    ['family_name', primary?.familyName],
    ['alternate_names', others.length ? others.map(fullName).join('\n') : undefined],
    ['description', kind === 'dossiers' ? (input as DossierInput).biography : undefined],
    ['sex', identity.sex === 'female' || identity.sex === 'male' ? identity.sex : undefined],
    ['date_of_birth', identity.birthDate],
    ['age', ageOn(identity.birthDate, w.createdAt.slice(0, 10))],
    ['home_city', identity.displacement?.place],
  ];
  const lines = fields.filter(([, v]) => v).map(([k, v]) => `    <pfif:${k}>${escapeXml(v!)}</pfif:${k}>`);
  const lastKnown = kind === 'requests' ? (input as TracingRequestInput).sought.lastKnownPlace : undefined;
  if (lastKnown) {
    const note: Array<[string, string]> = [
      ['note_record_id', `${id}/last-known-place`],
      ['person_record_id', id],
      ['entry_date', pfifTime(w.createdAt)],
      ['author_name', 'Homeward'],
      ['source_date', pfifTime(w.createdAt)],
      ['status', 'information_sought'],
      ['last_known_location', lastKnown],
      ['text', 'Last known place recorded in Homeward.'],
    ];
    lines.push('    <pfif:note>', ...note.map(([k, v]) => `      <pfif:${k}>${escapeXml(v)}</pfif:${k}>`), '    </pfif:note>');
  }
  return ['  <pfif:person>', ...lines, '  </pfif:person>'].join('\n');
}

/**
 * A PFIF 1.4 document of person records (docs/IMPORT.md has the mapping). Requesters are never
 * written: PFIF's author fields are who entered a record, and a family's contact details stay
 * with the party that filed the request. The watermark is an XML comment.
 */
export function writePfif(kind: RecordKind, inputs: readonly Exported[], w: ExportWatermark, domain = pfifDomain()): Buffer {
  const comment = `Homeward export ${w.exportId}; party ${w.partyCode}; user ${w.userId}; created ${w.createdAt}; expires ${w.expiresAt}`.replace(/-{2,}/g, '-');
  const body = inputs.map((i) => personXml(kind, i, domain, w));
  return Buffer.from(['<?xml version="1.0" encoding="UTF-8"?>', `<!-- ${comment} -->`, `<pfif:pfif xmlns:pfif="${PFIF_NS}">`, ...body, '</pfif:pfif>', ''].join('\n'), 'utf8');
}
