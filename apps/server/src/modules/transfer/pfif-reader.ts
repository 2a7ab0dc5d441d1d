import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError, type ErrorIssue } from '../../errors.ts';
import type { RecordKind } from './import.service.ts';
import { PFIF_NS } from './pfif-writer.ts';

/** A person as the (not yet validated) import shape, or a note that was not imported. */
export type PfifRow = { line: number; value: unknown } | { line: number; code: 'SKIPPED'; issues: ErrorIssue[] };

type Node = Record<string, unknown>;
const meta = XMLParser.getMetaDataSymbol() as unknown as string;

/** Refuses what could reach outside the document or expand without bound: PFIF has no DTD. */
function refuseDtd(text: string) {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new AppError('IMPORT_XML_DTD_REFUSED', 'The XML declares a DOCTYPE or entities, which PFIF does not use; it was refused and nothing was imported.');
  }
}

const words = (s: string | undefined) => (s ?? '').trim().split(/\s+/).filter(Boolean);

/** `given [patronymic…] family`, the order the writer uses (pfif-writer `fullName`). */
function nameFromWords(w: string[], kind: string): Record<string, string | undefined> | undefined {
  if (!w.length) return undefined;
  if (w.length === 1) return { kind, givenName: w[0] };
  return { kind, givenName: w[0], ...(w.length > 2 ? { patronymic: w.slice(1, -1).join(' ') } : {}), familyName: w.at(-1) };
}

function primaryName(f: (k: string) => string | undefined) {
  const given = f('given_name');
  const family = f('family_name');
  const full = words(f('full_name'));
  if (!given) return nameFromWords(full, 'primary') ?? { kind: 'primary', familyName: family };
  // The middle of `given … family` in full_name is a patronymic (or middle names).
  const g = words(given);
  const fam = words(family);
  const middle = full.length > g.length + fam.length && full.slice(0, g.length).join(' ') === g.join(' ') && full.slice(full.length - fam.length).join(' ') === fam.join(' ') ? full.slice(g.length, full.length - fam.length).join(' ') : undefined;
  return { kind: 'primary', givenName: given, ...(family ? { familyName: family } : {}), ...(middle ? { patronymic: middle } : {}) };
}

const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

function personInput(kind: RecordKind, f: (k: string) => string | undefined, domain: string, lastKnownPlace: string | undefined): unknown {
  const recordId = f('person_record_id');
  const sex = f('sex');
  const identity = compact({
    names: [primaryName(f), ...(f('alternate_names') ?? '').split('\n').map((line) => nameFromWords(words(line), 'other'))].filter(Boolean),
    sex: sex === 'female' || sex === 'male' ? sex : sex ? 'unknown' : undefined,
    birthDate: f('date_of_birth'),
    displacement: f('home_city') ? { place: f('home_city') } : undefined,
  });
  const sourceId = recordId?.startsWith(`${domain}/`) ? recordId.slice(domain.length + 1) : recordId;
  if (kind === 'dossiers') return compact({ sourceId, ...identity, biography: f('description') });
  return compact({
    sourceId,
    sought: compact({ ...identity, lastKnownPlace }),
    requester: { name: f('author_name'), relationship: 'other', contact: compact({ phone: f('author_phone'), email: f('author_email') }) },
  });
}

/**
 * Reads a PFIF 1.4 document into import rows: each pfif:person as a dossier or a request (by
 * `kind`), its person_record_id as the source id (our own domain stripped, so an export imports
 * back onto the same records). For requests, a note's last_known_location is the last known
 * place; every other note is reported as skipped. Line numbers are those of the elements.
 *
 * @example const rows = readPfif(await readFile('persons.xml', 'utf8'), 'requests', 'example.org')
 */
export function readPfif(xml: string, kind: RecordKind, domain: string): PfifRow[] {
  const text = xml.replace(/^\uFEFF/, '');
  refuseDtd(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new AppError('IMPORT_XML_MALFORMED', `The file is not well-formed XML (line ${valid.err.line}); nothing was imported.`, { details: { line: valid.err.line, column: valid.err.col } });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    captureMetaData: true,
    // Only XML's own entities (&amp; …) and character references remain once DTDs are refused.
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => /(^|:)(person|note)$/.test(name),
  });
  const doc = parser.parse(text) as Node;
  const rootKey = Object.keys(doc).find((k) => /(^|:)pfif$/.test(k));
  const root = rootKey ? (doc[rootKey] as Node) : undefined;
  const prefix = rootKey?.includes(':') ? rootKey.slice(0, rootKey.indexOf(':') + 1) : '';
  const ns = root && typeof root === 'object' ? root[`@xmlns${prefix ? ':' + prefix.slice(0, -1) : ''}`] : undefined;
  if (!root || ns !== PFIF_NS) {
    throw new AppError('IMPORT_NOT_PFIF', `The document is not PFIF 1.4 (a pfif root element in the namespace ${PFIF_NS}); nothing was imported.`);
  }
  const lineAt = (node: Node) => {
    const at = (node[meta] as { startIndex?: number } | undefined)?.startIndex ?? 0;
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
  const field = (node: Node) => (k: string) => {
    const v = node[prefix + k];
    const s = typeof v === 'string' ? v : typeof v === 'object' && v !== null && typeof (v as Node)['#text'] === 'string' ? ((v as Node)['#text'] as string) : undefined;
    return s?.trim() || undefined;
  };
  const asNodes = (v: unknown) => (Array.isArray(v) ? v.filter((n): n is Node => typeof n === 'object' && n !== null) : []);
  const persons = asNodes(root[`${prefix}person`]);
  const notes = [...persons.flatMap((p) => asNodes(p[`${prefix}note`]).map((n) => ({ n, person: field(p)('person_record_id') }))), ...asNodes(root[`${prefix}note`]).map((n) => ({ n, person: undefined }))];

  // For requests, a note's last known location is the request's last known place (the last one wins).
  const lastKnown = new Map<string, string>();
  const used = new Set<Node>();
  if (kind === 'requests') {
    for (const { n, person } of notes) {
      const about = field(n)('person_record_id') ?? person;
      const place = field(n)('last_known_location');
      if (about && place && persons.some((p) => field(p)('person_record_id') === about)) {
        lastKnown.set(about, place);
        used.add(n);
      }
    }
  }
  const rows: PfifRow[] = persons.map((p) => ({ line: lineAt(p), value: personInput(kind, field(p), domain, lastKnown.get(field(p)('person_record_id') ?? '')) }));
  for (const { n } of notes) {
    if (used.has(n)) continue;
    rows.push({ line: lineAt(n), code: 'SKIPPED', issues: [{ path: 'note', message: kind === 'requests' ? 'PFIF notes are not imported; only a last_known_location is, as the last known place' : 'PFIF notes are not imported into dossiers' }] });
  }
  return rows.sort((a, b) => a.line - b.line);
}
