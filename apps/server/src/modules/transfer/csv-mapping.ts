import type { DossierInput, PersonName, TracingRequestInput } from '@homeward/contracts';

// The CSV template (docs/IMPORT.md): one row per child, flat columns; other names go in one cell
// as `kind|given|family|patronymic` entries separated by `;`.

const identityColumns = [
  'source_id', 'given_name', 'family_name', 'patronymic', 'name_script', 'other_names', 'sex', 'birth_date',
  'birth_place', 'displacement_place', 'displacement_date', 'displacement_kind',
] as const;

export const dossierCsvColumns = [
  ...identityColumns, 'current_region', 'current_placement', 'current_address', 'biography', 'languages',
  'services_social', 'services_medical', 'services_psychological', 'services_notes',
] as const;

export const requestCsvColumns = [
  ...identityColumns, 'last_known_place', 'requester_name', 'requester_relationship', 'requester_phone',
  'requester_email', 'requester_address', 'filed_on',
] as const;

type Row = Record<string, string | undefined>;
const val = (row: Row, k: string) => {
  const v = row[k]?.trim();
  return v ? v : undefined;
};
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0))) as T;

function namesFromRow(row: Row): unknown[] {
  const primary = compact({ givenName: val(row, 'given_name'), familyName: val(row, 'family_name'), patronymic: val(row, 'patronymic'), script: val(row, 'name_script'), kind: 'primary' });
  const others = (val(row, 'other_names') ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [kind, givenName, familyName, patronymic] = entry.split('|').map((p) => p.trim() || undefined);
      return compact({ kind, givenName, familyName, patronymic });
    });
  return [primary, ...others];
}

function identityFromRow(row: Row) {
  return compact({
    names: namesFromRow(row),
    sex: val(row, 'sex'),
    birthDate: val(row, 'birth_date'),
    birthPlace: val(row, 'birth_place'),
    displacement: compact({ place: val(row, 'displacement_place'), date: val(row, 'displacement_date'), kind: val(row, 'displacement_kind') }),
  });
}

const area = (summary: string | undefined) => (summary ? { receiving: true, summary } : undefined);

/** A CSV row as the (not yet validated) JSON shape of a dossier input. */
export function dossierFromCsv(row: Row): unknown {
  return compact({
    sourceId: val(row, 'source_id'),
    ...identityFromRow(row),
    currentLocation: compact({ region: val(row, 'current_region'), placement: val(row, 'current_placement'), address: val(row, 'current_address') }),
    biography: val(row, 'biography'),
    languages: val(row, 'languages')?.split(/[,\s]+/).filter(Boolean),
    services: compact({
      social: area(val(row, 'services_social')),
      medical: area(val(row, 'services_medical')),
      psychological: area(val(row, 'services_psychological')),
      notes: val(row, 'services_notes'),
    }),
  });
}

export function requestFromCsv(row: Row): unknown {
  const identity = identityFromRow(row);
  return compact({
    sourceId: val(row, 'source_id'),
    sought: compact({ ...identity, lastKnownPlace: val(row, 'last_known_place') }),
    requester: compact({
      name: val(row, 'requester_name'),
      relationship: val(row, 'requester_relationship'),
      contact: compact({ phone: val(row, 'requester_phone'), email: val(row, 'requester_email'), address: val(row, 'requester_address') }),
    }),
    filedOn: val(row, 'filed_on'),
  });
}

function identityToCsv(sourceId: string, i: { names: PersonName[]; sex: string; birthDate?: string | null | undefined; birthPlace?: string | null | undefined; displacement: { place?: string | undefined; date?: string | undefined; kind: string } }) {
  const [primary, ...others] = i.names;
  return {
    source_id: sourceId,
    given_name: primary?.givenName,
    family_name: primary?.familyName,
    patronymic: primary?.patronymic,
    name_script: primary?.script,
    other_names: others.map((n) => [n.kind, n.givenName, n.familyName ?? '', n.patronymic ?? ''].join('|')).join('; '),
    sex: i.sex,
    birth_date: i.birthDate ?? '',
    birth_place: i.birthPlace ?? '',
    displacement_place: i.displacement.place ?? '',
    displacement_date: i.displacement.date ?? '',
    displacement_kind: i.displacement.kind,
  };
}

export function dossierToCsv(d: DossierInput & { sourceId: string }): Row {
  return {
    ...identityToCsv(d.sourceId, d),
    current_region: d.currentLocation.region,
    current_placement: d.currentLocation.placement,
    current_address: d.currentLocation.address,
    biography: d.biography,
    languages: d.languages.join(','),
    services_social: d.services.social?.summary,
    services_medical: d.services.medical?.summary,
    services_psychological: d.services.psychological?.summary,
    services_notes: d.services.notes,
  };
}

export function requestToCsv(r: TracingRequestInput & { sourceId: string }): Row {
  return {
    ...identityToCsv(r.sourceId, r.sought),
    last_known_place: r.sought.lastKnownPlace,
    requester_name: r.requester.name,
    requester_relationship: r.requester.relationship,
    requester_phone: r.requester.contact.phone,
    requester_email: r.requester.contact.email,
    requester_address: r.requester.contact.address,
    filed_on: r.filedOn,
  };
}
