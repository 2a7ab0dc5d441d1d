import { useSession } from '../auth/session.tsx';
import { useLang } from '../i18n/useLang.ts';

/** Who did something: "you", "the system" or a short user id (user names are not sent here). */
export function Actor({ userId }: { userId: string | null }) {
  const { t } = useLang();
  const { session } = useSession();
  if (!userId) return <>{t('history.system')}</>;
  if (userId === session.user.id) return <>{t('history.you')}</>;
  return <span title={userId}>{t('history.user', { id: userId.slice(0, 8) })}</span>;
}
