import { Anchor, Group, List, Skeleton, Text } from '@mantine/core';
import { useDossier, useVerificationQueue } from '../api/queries.ts';
import { displayName } from '../i18n/format.ts';
import { useLang } from '../i18n/useLang.ts';
import { paths } from '../route.ts';
import { onLinkClick } from '../router.tsx';

function DossierLink({ id }: { id: string }) {
  const { lang } = useLang();
  const d = useDossier(id);
  return (
    <Anchor href={paths.dossier(id)} onClick={onLinkClick(paths.dossier(id))} size="sm">
      {d.data ? displayName(d.data.names, lang) : id.slice(0, 8)}
    </Anchor>
  );
}

/** Dossiers whose verification waits on the reader's organisation (GET /verification/queue). */
export function AwaitsAttestation() {
  const { t } = useLang();
  const q = useVerificationQueue();
  // A role without the permission simply has nothing here.
  if (q.isError) return null;
  if (q.isPending) return <Skeleton h={24} w="50%" />;
  const ids = [...new Set(q.data.items.map((i) => i.subjectId))];
  if (ids.length === 0) return null;
  const count = q.data.items.length >= 100 ? `${ids.length}+` : String(ids.length);
  return (
    <div data-testid="awaits-attestation">
      <Text>{t('dashboard.awaitsAttestation', { count })}</Text>
      <Group gap="md" mt={4}>
        <List size="sm" listStyleType="none" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px' }}>
          {ids.slice(0, 6).map((id) => (
            <List.Item key={id}>
              <DossierLink id={id} />
            </List.Item>
          ))}
        </List>
      </Group>
    </div>
  );
}
