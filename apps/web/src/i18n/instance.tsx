import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, pickLanguage, resources, type Language } from './resources.ts';

const storageKey = 'homeward.language';

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export const initialLanguage: Language = pickLanguage(
  storedLanguage(),
  navigator.languages ?? [navigator.language],
);

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(languages.map((l) => [l, { translation: resources[l] }])),
  lng: initialLanguage,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = initialLanguage;

export function setLanguage(lang: Language) {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    window.localStorage.setItem(storageKey, lang);
  } catch {
    // private browsing: the choice lasts for this page only
  }
}

export { i18next };
