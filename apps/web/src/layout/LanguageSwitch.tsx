import { SegmentedControl } from '@mantine/core';
import { setLanguage } from '../i18n/instance.tsx';
import { languageNames, languages, languageShort, isLanguage } from '../i18n/resources.ts';
import { useLang } from '../i18n/useLang.ts';

/** Ukrainian, Russian, English: each named in itself so anyone can find their own. */
export function LanguageSwitch() {
  const { t, lang } = useLang();
  return (
    <SegmentedControl
      aria-label={t('header.language')}
      size="xs"
      value={lang}
      onChange={(v) => isLanguage(v) && setLanguage(v)}
      data={languages.map((l) => ({
        value: l,
        label: (
          <span lang={l} title={languageNames[l]} aria-label={languageNames[l]}>
            {languageShort[l]}
          </span>
        ),
      }))}
    />
  );
}
