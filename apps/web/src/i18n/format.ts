/** Dates, names and numbers as the reader's language writes them. */
import { intlLocale, type Language } from './resources.ts';

type Name = {
  givenName: string;
  familyName?: string | undefined;
  patronymic?: string | undefined;
  script?: string;
  kind?: string;
};

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (or an ISO timestamp's date) in the reader's locale. */
export function formatPartialDate(value: string | null | undefined, lang: Language): string | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = d
    ? { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }
    : { timeZone: 'UTC', year: 'numeric', month: 'long' };
  return new Intl.DateTimeFormat(intlLocale[lang], options).format(date);
}

/** A moment (ISO timestamp) in the reader's locale and time zone. */
export function formatDateTime(iso: string | null | undefined, lang: Language): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(intlLocale[lang]).format(n);
}

const preferredScript: Record<Language, string> = { uk: 'uk-Cyrl', ru: 'ru-Cyrl', en: 'Latn' };

/** The name to show first: a primary name in the reader's script if there is one. */
export function pickName<N extends Name>(names: readonly N[], lang: Language): N | undefined {
  const primary = names.filter((n) => (n.kind ?? 'primary') === 'primary');
  const pool = primary.length ? primary : names;
  return pool.find((n) => n.script === preferredScript[lang]) ?? pool[0];
}

/** Family name first, as registers write it: «Марченко Александр Сергеевич». */
export function fullName(n: Name | undefined): string {
  if (!n) return '—';
  return [n.familyName, n.givenName, n.patronymic].filter(Boolean).join(' ');
}

export function displayName(names: readonly Name[], lang: Language): string {
  return fullName(pickName(names, lang));
}
