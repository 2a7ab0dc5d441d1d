/**
 * The tracing-request form's values and their validation with the API's own Zod schema
 * (tracingRequestInput from @homeward/contracts), plus the API's date rules (no future dates,
 * no displacement before birth), so the caseworker hears about a mistake before sending.
 */
import { isAfterDay, tracingRequestInput, type TracingRequestInput } from '@homeward/contracts';
import type { ApiIssue } from '../../api/client.ts';
import { fromZodIssues, normalizePath } from '../../api/errors.ts';

export const emptyForm = {
  givenName: '',
  familyName: '',
  patronymic: '',
  sex: 'unknown',
  birthDate: '',
  birthPlace: '',
  displacementPlace: '',
  displacementDate: '',
  displacementKind: 'unknown',
  lastKnownPlace: '',
  requesterName: '',
  relationship: '',
  phone: '',
  email: '',
  address: '',
  filedOn: '',
};
export type FormValues = typeof emptyForm;
export type FieldName = keyof FormValues;

/** Where each API path lands in the form. */
const pathToField: Record<string, FieldName> = {
  'sought.names': 'givenName',
  'sought.names.0.givenName': 'givenName',
  'sought.names.0.familyName': 'familyName',
  'sought.names.0.patronymic': 'patronymic',
  'sought.sex': 'sex',
  'sought.birthDate': 'birthDate',
  'sought.birthPlace': 'birthPlace',
  'sought.displacement.place': 'displacementPlace',
  'sought.displacement.date': 'displacementDate',
  'sought.displacement.kind': 'displacementKind',
  'sought.lastKnownPlace': 'lastKnownPlace',
  'requester.name': 'requesterName',
  'requester.relationship': 'relationship',
  'requester.contact.phone': 'phone',
  'requester.contact.email': 'email',
  'requester.contact.address': 'address',
  filedOn: 'filedOn',
};

export function fieldForPath(path: string): FieldName | null {
  return pathToField[normalizePath(path)] ?? null;
}

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The request body the form describes (empty fields left out). */
export function toInput(v: FormValues): unknown {
  return {
    sought: {
      names: [
        {
          givenName: v.givenName.trim(),
          familyName: opt(v.familyName),
          patronymic: opt(v.patronymic),
          kind: 'primary',
        },
      ],
      sex: v.sex,
      birthDate: opt(v.birthDate),
      birthPlace: opt(v.birthPlace),
      displacement: {
        place: opt(v.displacementPlace),
        date: opt(v.displacementDate),
        kind: v.displacementKind,
      },
      lastKnownPlace: opt(v.lastKnownPlace),
    },
    requester: {
      name: v.requesterName.trim(),
      relationship: v.relationship || undefined,
      contact: { phone: opt(v.phone), email: opt(v.email), address: opt(v.address) },
    },
    filedOn: opt(v.filedOn),
  };
}

export type Validation = { ok: true; input: TracingRequestInput } | { ok: false; issues: ApiIssue[] };

/** `today` is 'YYYY-MM-DD' in the caseworker's own calendar. */
export function validate(v: FormValues, today: string): Validation {
  const parsed = tracingRequestInput.safeParse(toInput(v));
  const issues = parsed.success ? [] : fromZodIssues(parsed.error.issues);
  const has = (p: string) => issues.some((i) => i.path === p);
  const future = (field: string, value: string) => {
    if (value && !has(field) && /^\d{4}(-\d{2}){0,2}$/.test(value) && isAfterDay(value, today))
      issues.push({ path: field, message: 'is in the future' });
  };
  future('sought.birthDate', v.birthDate.trim());
  future('sought.displacement.date', v.displacementDate.trim());
  future('filedOn', v.filedOn.trim());
  const birth = v.birthDate.trim();
  const moved = v.displacementDate.trim();
  if (
    birth &&
    moved &&
    !has('sought.birthDate') &&
    !has('sought.displacement.date') &&
    moved.length >= 4 &&
    birth.length >= 4
  ) {
    // Compare at the coarser precision of the two, as the API does.
    const n = Math.min(birth.length, moved.length);
    if (moved.slice(0, n) < birth.slice(0, n))
      issues.push({ path: 'sought.displacement.date', message: 'is before the birth date' });
  }
  if (issues.length || !parsed.success) return { ok: false, issues };
  return { ok: true, input: parsed.data };
}

/** Issues keyed by form field (first per field). */
export function fieldIssues(issues: ApiIssue[]): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {};
  for (const i of issues) {
    const f = fieldForPath(i.path);
    if (f && !out[f]) out[f] = i.message;
  }
  return out;
}

/** Today's date in the local calendar, 'YYYY-MM-DD'. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
