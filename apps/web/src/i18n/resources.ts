import { en, type Messages } from './en.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';

export const languages = ['uk', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];

export const resources: Record<Language, Messages> = { uk, ru, en };

/** Each language named in itself, as the switcher shows it. */
export const languageNames: Record<Language, string> = { uk: 'Українська', ru: 'Русский', en: 'English' };
export const languageShort: Record<Language, string> = { uk: 'УКР', ru: 'РУС', en: 'ENG' };

/** The locale used for dates and numbers in each interface language. */
export const intlLocale: Record<Language, string> = { uk: 'uk-UA', ru: 'ru-RU', en: 'en-GB' };

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

/** The stored choice, else the first browser language we have, else English. */
export function pickLanguage(stored: string | null | undefined, browser: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}
