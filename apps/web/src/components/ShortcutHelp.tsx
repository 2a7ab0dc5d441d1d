import { Button, Kbd, Popover, Table, Text } from '@mantine/core';
import { useLang } from '../i18n/useLang.ts';

/** A small popover listing a page's keyboard shortcuts. */
export function ShortcutHelp({ items }: { items: Array<{ keys: string[]; label: string }> }) {
  const { t } = useLang();
  return (
    <Popover position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button variant="subtle" size="xs" data-testid="shortcut-help">
          {t('shortcuts.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" fw={600} mb={4}>
          {t('shortcuts.title')}
        </Text>
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.label}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {i.keys.map((k) => (
                    <Kbd key={k} mr={4}>
                      {k}
                    </Kbd>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{i.label}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt={4} maw={280}>
          {t('shortcuts.note')}
        </Text>
      </Popover.Dropdown>
    </Popover>
  );
}
