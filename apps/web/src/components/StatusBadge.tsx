import { Badge } from '@mantine/core';
import { useLang } from '../i18n/useLang.ts';

// Filled badges in dark shades: white text on them meets 4.5:1.
const colors: Record<string, string> = {
  open: 'blue.8',
  matched: 'teal.9',
  closed: 'gray.7',
  withdrawn: 'red.9',
  merged: 'grape.9',
};

export function StatusBadge({ kind, status }: { kind: 'dossierStatus' | 'requestStatus'; status: string }) {
  const { t } = useLang();
  return (
    <Badge color={colors[status] ?? 'gray.7'} variant="filled" tt="none" style={{ minWidth: 'max-content' }}>
      {t(`enums.${kind}.${status}`)}
    </Badge>
  );
}
