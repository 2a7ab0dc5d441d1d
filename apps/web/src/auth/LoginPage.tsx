import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { loginBody } from '@homeward/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Session } from '../api/client.ts';
import { fromZodIssues, issueKey, issuesByPath } from '../api/errors.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLang } from '../i18n/useLang.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { SecondFactorForm } from './SecondFactorForm.tsx';

/**
 * Sign-in in steps: e-mail and password; then, for a user with two-factor authentication, the
 * code from the authenticator app (or a recovery code). Users who still have to set up two-factor
 * get a session that can only enrol (see TwoFactorEnrolment).
 */
type Step = { kind: 'credentials' } | { kind: 'second-factor'; email: string; password: string };

export function LoginPage({ onLoggedIn, expired }: { onLoggedIn: (s: Session) => void; expired: boolean }) {
  const { t } = useLang();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  return (
    <AuthFrame
      footer={
        <Text size="sm" c="dimmed">
          {t('login.demoHint')}
        </Text>
      }
    >
      {step.kind === 'credentials' ? (
        <CredentialsForm
          expired={expired}
          onLoggedIn={onLoggedIn}
          onSecondFactor={(email, password) => setStep({ kind: 'second-factor', email, password })}
        />
      ) : (
        <SecondFactorForm
          email={step.email}
          password={step.password}
          onLoggedIn={onLoggedIn}
          onStartOver={() => setStep({ kind: 'credentials' })}
        />
      )}
    </AuthFrame>
  );
}

function CredentialsForm(props: {
  expired: boolean;
  onLoggedIn: (s: Session) => void;
  onSecondFactor: (email: string, password: string) => void;
}) {
  const { t } = useLang();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const login = useMutation({
    mutationFn: () => api.login(email.trim(), password),
    onSuccess: props.onLoggedIn,
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'TWO_FACTOR_REQUIRED')
        props.onSecondFactor(email.trim(), password);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = loginBody.safeParse({ email: email.trim(), password });
    if (!parsed.success) return setFieldErrors(issuesByPath(fromZodIssues(parsed.error.issues)));
    setFieldErrors({});
    login.mutate();
  }
  const fieldError = (path: string) => {
    const m = fieldErrors[path];
    if (!m) return undefined;
    const k = issueKey(m);
    return t(k.key, k.values);
  };
  const showError =
    login.error && !(login.error instanceof ApiError && login.error.code === 'TWO_FACTOR_REQUIRED');

  return (
    <form onSubmit={submit} noValidate aria-labelledby="login-title">
      <Stack>
        <Title order={1} size="h3" id="login-title">
          {t('login.title')}
        </Title>
        <Text size="sm">{t('login.intro')}</Text>
        {props.expired && !login.error && (
          <Alert color="blue.8" variant="outline" role="status">
            {t('errors.UNAUTHENTICATED')}
          </Alert>
        )}
        {showError && <ErrorAlert error={login.error} showIssues={false} />}
        <TextInput
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('email')}
          autoFocus
        />
        <PasswordInput
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError('password')}
        />
        <Button type="submit" loading={login.isPending} fullWidth>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
