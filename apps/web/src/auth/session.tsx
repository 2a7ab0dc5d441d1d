import { Button, Center, Loader, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, type Session } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLang } from '../i18n/useLang.ts';
import { clearMemoryState } from '../memory-state.ts';
import { navigate } from '../router.tsx';
import { LoginPage } from './LoginPage.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { TwoFactorSetup } from './TwoFactorSetup.tsx';
import { hasPermission, type WebPermission } from './permissions.ts';

type SessionContextValue = { session: Session; logout: () => Promise<void> };
const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionGate');
  return value;
}

const meKey = ['me'] as const;

/** Shows the login page until there is a session (GET /auth/me on load), then the app. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useLang();
  const qc = useQueryClient();
  const [expired, setExpired] = useState(false);
  const me = useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await api.me();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    retry: false,
    staleTime: Infinity,
  });

  useEffect(() => {
    api.onUnauthenticated = () => {
      if (qc.getQueryData(meKey)) setExpired(true);
      qc.setQueryData(meKey, null);
    };
    api.onEnrolmentRequired = () => void qc.invalidateQueries({ queryKey: meKey });
    return () => {
      api.onUnauthenticated = undefined;
      api.onEnrolmentRequired = undefined;
    };
  }, [qc]);

  const onLoggedIn = useCallback(
    (session: Session) => {
      setExpired(false);
      qc.setQueryData(meKey, session);
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
    [qc],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      clearMemoryState();
      // The next person to sign in on this browser starts from the overview, not from the last page.
      navigate('/', { replace: true });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(meKey, null);
    }
  }, [qc]);

  const session = me.data;
  const value = useMemo(() => (session ? { session, logout } : null), [session, logout]);

  if (me.isPending)
    return (
      <Center h="100vh" role="status" aria-live="polite">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  if (me.isError)
    return (
      <Center h="100vh" p="md">
        <Stack maw={520}>
          <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        </Stack>
      </Center>
    );
  if (!value) return <LoginPage onLoggedIn={onLoggedIn} expired={expired} />;
  if (value.session.twoFactor === 'enrolment-required')
    return (
      <AuthFrame
        actions={
          <Button variant="default" size="xs" onClick={() => void logout()}>
            {t('header.signOut')}
          </Button>
        }
      >
        <TwoFactorSetup
          required
          onDone={() =>
            void me.refetch().then(() => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' }))
          }
        />
      </AuthFrame>
    );
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** Whether the signed-in user's roles allow `permission` (to decide what to show). */
export function useCan(permission: WebPermission): boolean {
  return hasPermission(useSession().session.user.roles, permission);
}
