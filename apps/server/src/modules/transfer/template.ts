import { displacementKinds, nameKinds, placements, relationships, scripts, sexes } from '@homeward/contracts';
import { AppError } from '../../errors.ts';
import { dossierCsvColumns, requestCsvColumns } from './csv-mapping.ts';
import type { RecordKind } from './import.service.ts';

// The tabular template (docs/IMPORT.md) shared by CSV and XLSX: which columns a header may name,
// which it must name, and what each column takes (the XLSX "Help" sheet is written from this).

export const templateColumns = (kind: RecordKind): readonly string[] => (kind === 'dossiers' ? dossierCsvColumns : requestCsvColumns);

/** Paths of photos and documents beside the import file (CLI only; docs/IMPORT.md). */
const fileColumns = ['photos', 'documents'] as const;

const requiredColumns = (kind: RecordKind): readonly string[] =>
  kind === 'dossiers' ? ['source_id', 'given_name'] : ['source_id', 'given_name', 'requester_name', 'requester_relationship'];

/** Columns whose cells are dates: a spreadsheet's date cells and date serials become YYYY-MM-DD there. */
export const dateColumns: ReadonlySet<string> = new Set(['birth_date', 'displacement_date', 'filed_on']);

const dateHelp = 'YYYY, YYYY-MM or YYYY-MM-DD (the precision is kept); a date cell is read as YYYY-MM-DD';
/** What each column takes, for the Help sheet and data validation. `values` lists an enumeration. */
export const columnHelp: Record<string, { help: string; values?: readonly string[] }> = {
  source_id: { help: 'Your own identifier for the record; required, and re-importing the same one updates the record' },
  given_name: { help: 'Given name (required)' },
  family_name: { help: 'Family name' },
  patronymic: { help: 'Patronymic' },
  name_script: { help: 'Script of the names; left empty, it is detected from the letters', values: scripts },
  other_names: { help: 'Other names: kind|given|family|patronymic entries separated by ;', values: nameKinds },
  sex: { help: 'Sex', values: sexes },
  birth_date: { help: `Date of birth: ${dateHelp}` },
  birth_place: { help: 'Place of birth' },
  displacement_place: { help: 'Place the child was displaced from' },
  displacement_date: { help: `Date of displacement: ${dateHelp}` },
  displacement_kind: { help: 'How the child was displaced', values: displacementKinds },
  current_region: { help: 'Region where the child lives now' },
  current_placement: { help: 'With whom the child lives now', values: placements },
  current_address: { help: 'Exact current address (restricted)' },
  biography: { help: 'Biography' },
  languages: { help: 'ISO 639 language codes separated by commas, e.g. uk,ru' },
  services_social: { help: 'Summary of social services received (a non-empty cell means receiving)' },
  services_medical: { help: 'Summary of medical services received (a non-empty cell means receiving)' },
  services_psychological: { help: 'Summary of psychological services received (a non-empty cell means receiving)' },
  services_notes: { help: 'Notes on services' },
  last_known_place: { help: 'Where the child was last known to be' },
  requester_name: { help: 'Name of the person asking (required)' },
  requester_relationship: { help: 'How the person asking is related to the child (required)', values: relationships },
  requester_phone: { help: 'Phone number of the person asking' },
  requester_email: { help: 'E-mail address of the person asking' },
  requester_address: { help: 'Postal address of the person asking' },
  filed_on: { help: `Date the request was filed: YYYY-MM-DD; empty means today` },
};

/** A = 1, B = 2 … AA = 27: how a person finds a column in a spreadsheet. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * Refuses a header that would lose or misplace data: unknown (often misspelt) columns, a column
 * twice, a column without a header, or a required column missing. Unknown headers are named by
 * position only (a file without a header row would otherwise echo its first record).
 */
export function checkColumns(kind: RecordKind, header: readonly string[]): void {
  const allowed = new Set<string>([...templateColumns(kind), ...fileColumns]);
  const names = header.map((h) => h.trim());
  const unknown = names.flatMap((h, i) => (!allowed.has(h) ? [i + 1] : []));
  const duplicate = [...new Set(names.filter((h, i) => h && allowed.has(h) && names.indexOf(h) !== i))];
  const missing = requiredColumns(kind).filter((c) => !names.includes(c));
  if (!unknown.length && !duplicate.length && !missing.length) return;
  const issues = [
    ...unknown.map((i) => ({ path: `column ${columnLetter(i)}`, message: names[i - 1] ? 'is not a column of the template' : 'has no header' })),
    ...duplicate.map((c) => ({ path: c, message: 'appears more than once' })),
    ...missing.map((c) => ({ path: c, message: 'is required and missing' })),
  ];
  throw new AppError('IMPORT_COLUMNS_INVALID', `The header row does not match the ${kind} template, so nothing was imported. The template's columns are: ${templateColumns(kind).join(', ')}.`, {
    issues,
    details: { unknownColumns: unknown.map(columnLetter), duplicate, missing, expected: [...templateColumns(kind)] },
  });
}

export function csvTemplate(kind: RecordKind): Buffer {
  return Buffer.from(templateColumns(kind).join(',') + '\n', 'utf8');
}
