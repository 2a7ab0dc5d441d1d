import { Badge, Tooltip } from '@mantine/core';
import { useLang } from '../i18n/useLang.ts';

export function LockIcon({ size = 12 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z"
      />
    </svg>
  );
}

/** Marks a field the server withheld from this reader (it is absent, not empty). */
export function Withheld() {
  const { t } = useLang();
  return (
    <Tooltip
      label={t('withheld.explain')}
      multiline
      w={280}
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge
        component="span"
        tabIndex={0}
        variant="outline"
        color="gray.8"
        leftSection={<LockIcon />}
        data-withheld="true"
        aria-description={t('withheld.explain')}
        tt="none"
      >
        {t('withheld.label')}
      </Badge>
    </Tooltip>
  );
}

export { isWithheld } from './withheld-path.ts';
