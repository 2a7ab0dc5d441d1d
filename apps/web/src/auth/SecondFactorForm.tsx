import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, type Session } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLang } from '../i18n/useLang.ts';

/** The second sign-in step: the 6-digit code from the authenticator app, or a recovery code. */
export function SecondFactorForm(props: {
  email: string;
  password: string;
  onLoggedIn: (s: Session) => void;
  onStartOver: () => void;
}) {
  const { t } = useLang();
  const [mode, setMode] = useState<'app' | 'recovery'>('app');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const login = useMutation({
    mutationFn: () =>
      api.login(
        props.email,
        props.password,
        mode === 'app' ? { totp: code.replace(/\s/g, '') } : { recoveryCode: code.trim() },
      ),
    onSuccess: props.onLoggedIn,
    onError: () => setCode(''),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const ok = mode === 'app' ? /^\d{6}$/.test(code.replace(/\s/g, '')) : code.trim().length > 0;
    setMissing(!ok);
    if (ok) login.mutate();
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="second-title">
      <Stack>
        <Title order={1} size="h3" id="second-title">
          {t('twoFactor.codeTitle')}
        </Title>
        <Text size="sm">{mode === 'app' ? t('twoFactor.codeIntro') : t('twoFactor.recoveryEntryIntro')}</Text>
        {login.error && <ErrorAlert error={login.error} showIssues={false} />}
        <TextInput
          key={mode}
          label={mode === 'app' ? t('twoFactor.code') : t('twoFactor.recoveryCode')}
          name={mode === 'app' ? 'totp' : 'recoveryCode'}
          inputMode={mode === 'app' ? 'numeric' : 'text'}
          autoComplete="one-time-code"
          maxLength={mode === 'app' ? 7 : 40}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={
            missing ? (mode === 'app' ? t('errors.TWO_FACTOR_REQUIRED') : t('issues.required')) : undefined
          }
          autoFocus
          size="md"
          styles={
            mode === 'app'
              ? { input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }
              : undefined
          }
        />
        <Button type="submit" loading={login.isPending} fullWidth>
          {t('twoFactor.verify')}
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setMode(mode === 'app' ? 'recovery' : 'app');
            setCode('');
            setMissing(false);
            login.reset();
          }}
        >
          {mode === 'app' ? t('twoFactor.useRecovery') : t('twoFactor.useApp')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={props.onStartOver}>
          {t('twoFactor.startOver')}
        </Anchor>
      </Stack>
    </form>
  );
}
