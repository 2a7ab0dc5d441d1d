import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './resources.ts';

/** The translation function and the current interface language. */
export function useLang(): { t: ReturnType<typeof useTranslation>['t']; lang: Language } {
  const { t, i18n } = useTranslation();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return { t, lang };
}
