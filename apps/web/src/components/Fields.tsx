import { DataList, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLang } from '../i18n/useLang.ts';
import { isWithheld, Withheld } from './Withheld.tsx';

/** A list of labelled values; withheld ones are marked, missing ones say "Not recorded". */
export function Fields({ children, vertical = false }: { children: ReactNode; vertical?: boolean }) {
  return (
    <DataList labelWidth="14rem" gap="xs" withDivider orientation={vertical ? 'vertical' : 'horizontal'}>
      {children}
    </DataList>
  );
}

export function Field({
  label,
  value,
  path,
  withheld,
}: {
  label: string;
  value: ReactNode;
  path?: string;
  withheld?: readonly string[];
}) {
  const { t } = useLang();
  const hidden = path !== undefined && isWithheld(withheld, path);
  const empty = value === null || value === undefined || value === '';
  return (
    <DataList.Item data-field={path}>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        {hidden ? (
          <Withheld />
        ) : empty ? (
          <Text span c="dimmed" size="sm">
            {t('app.notRecorded')}
          </Text>
        ) : (
          value
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}
