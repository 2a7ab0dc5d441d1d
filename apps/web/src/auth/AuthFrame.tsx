import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLang } from '../i18n/useLang.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

/** The frame around sign-in and two-factor set-up: name, language switch, one card. */
export function AuthFrame({
  children,
  footer,
  actions,
}: {
  children: ReactNode;
  footer?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useLang();
  return (
    <Box mih="100vh" p="md" bg="gray.0">
      <Group justify="flex-end" gap="sm">
        {actions}
        <LanguageSwitch />
      </Group>
      <Stack maw={480} mx="auto" mt="8vh" component="main">
        <div>
          <Text fw={700} size="xl" c="blue.9">
            {t('app.name')}
          </Text>
          <Text c="dimmed" size="sm">
            {t('app.tagline')}
          </Text>
        </div>
        <Paper withBorder p="lg" shadow="xs">
          {children}
        </Paper>
        {footer}
      </Stack>
    </Box>
  );
}
