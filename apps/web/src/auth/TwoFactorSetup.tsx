import {
  Anchor,
  Box,
  Button,
  Code,
  List,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLang } from '../i18n/useLang.ts';

/** Groups a base32 key in fours so it can be read out and typed without losing one's place. */
export const groupKey = (s: string) => s.replace(/(.{4})/g, '$1 ').trim();

/**
 * Two-factor set-up: a key for the authenticator app, a code to prove it works, then the recovery
 * codes, shown once. Required by some organisations before anything else (see SessionGate);
 * anyone may choose it from the menu (TwoFactorPage).
 */
export function TwoFactorSetup({ onDone, required }: { onDone: () => void; required: boolean }) {
  const { t } = useLang();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const enrol = useMutation({ mutationFn: () => api.startTwoFactorEnrolment() });
  const confirm = useMutation({
    mutationFn: (c: string) => api.confirmTwoFactor(c),
    onError: () => setCode(''),
  });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    enrol.mutate();
  }, [enrol]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = code.replace(/\s/g, '');
    setMissing(!/^\d{6}$/.test(c));
    if (/^\d{6}$/.test(c)) confirm.mutate(c);
  }

  if (confirm.data)
    return (
      <Stack>
        <Title order={required ? 1 : 2} size="h3">
          {t('twoFactor.recoveryTitle')}
        </Title>
        <Text size="sm">{t('twoFactor.recoveryIntro')}</Text>
        <SimpleGrid
          cols={2}
          component="ol"
          spacing="xs"
          data-testid="recovery-codes"
          style={{ listStyle: 'none', padding: 0 }}
        >
          {confirm.data.recoveryCodes.map((c) => (
            <li key={c}>
              <Code fz="md">{c}</Code>
            </li>
          ))}
        </SimpleGrid>
        <Button onClick={onDone} autoFocus>
          {t('twoFactor.recoveryDone')}
        </Button>
      </Stack>
    );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="enrol-title">
      <Stack>
        <Title order={required ? 1 : 2} size="h3" id="enrol-title">
          {t('twoFactor.enrolTitle')}
        </Title>
        <Text size="sm">{required ? t('twoFactor.enrolIntro') : t('twoFactor.optionalIntro')}</Text>
        {enrol.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
        {enrol.error && <ErrorAlert error={enrol.error} onRetry={() => enrol.mutate()} />}
        {enrol.data && (
          <>
            <Text size="sm">{t('twoFactor.enrolStep1')}</Text>
            {/* The QR code holds the same set-up link; the key below is there for typing it in. */}
            <Box
              p="xs"
              bg="white"
              w="fit-content"
              style={{ border: '1px solid var(--mantine-color-gray-4)' }}
            >
              <QRCodeSVG
                value={enrol.data.otpauthUri}
                size={176}
                level="M"
                marginSize={4}
                role="img"
                aria-label={t('twoFactor.qrLabel')}
                title={t('twoFactor.qrLabel')}
                data-testid="totp-qr"
              />
            </Box>
            <Text size="sm">{t('twoFactor.manualEntry')}</Text>
            <List listStyleType="none" spacing={4}>
              <List.Item>
                <Text size="xs" c="dimmed">
                  {t('twoFactor.secretLabel')}
                </Text>
                <Code fz="lg" data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
                  {groupKey(enrol.data.secret)}
                </Code>
              </List.Item>
              <List.Item>
                <Anchor href={enrol.data.otpauthUri} size="sm">
                  {t('twoFactor.openInApp')}
                </Anchor>
              </List.Item>
            </List>
            <Text size="sm">{t('twoFactor.enrolStep2')}</Text>
            {confirm.error && <ErrorAlert error={confirm.error} showIssues={false} />}
            <TextInput
              label={t('twoFactor.code')}
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={missing ? t('errors.TWO_FACTOR_REQUIRED') : undefined}
              size="md"
              styles={{ input: { letterSpacing: '0.3em' } }}
            />
            <Button type="submit" loading={confirm.isPending}>
              {t('twoFactor.confirm')}
            </Button>
          </>
        )}
      </Stack>
    </form>
  );
}
