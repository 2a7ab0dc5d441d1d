import {
  ActionIcon,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Modal,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, mediaUrl, type Media, type MediaSubject } from '../../api/client.ts';
import { useMedia } from '../../api/queries.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { moveInOrder, photosInOrder } from './media.ts';

/**
 * The photos of a dossier or request: thumbnails in their order, the primary one marked, when each
 * was taken and who supplied it. A click opens the medium size. Uploads (media.write) show the
 * server's coded refusals in words; the primary photo and the order can be changed.
 */
export function PhotosTab({
  subject,
  subjectId,
  writable,
}: {
  subject: MediaSubject;
  subjectId: string;
  /** Whether the record is the reader's party's own (only its own party adds and arranges photos). */
  writable: boolean;
}) {
  const { t } = useLang();
  const canRead = useCan('media.read');
  const canWrite = useCan('media.write') && writable;
  const q = useMedia(subject, subjectId, canRead);
  const qc = useQueryClient();
  const [opened, setOpened] = useState<Media | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['media', subject, subjectId] });
  const upload = useMutation({
    mutationFn: (file: File) => api.uploadMedia(subject, subjectId, file),
    onSuccess: refresh,
  });
  const arrange = useMutation({
    mutationFn: async (
      a: { kind: 'primary'; id: string } | { kind: 'move'; id: string; by: -1 | 1; ids: string[] },
    ) => {
      if (a.kind === 'primary') await api.patchMedia(a.id, { primary: true });
      else await api.orderMedia(subject, subjectId, moveInOrder(a.ids, a.id, a.by));
    },
    onSuccess: refresh,
  });

  if (!canRead) return <Text c="dimmed">{t('photos.noAccess')}</Text>;
  if (q.isPending) return <Skeleton h={160} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const photos = photosInOrder(q.data.items);
  const ids = photos.map((p) => p.id);

  return (
    <Stack>
      {canWrite && (
        <Group>
          <FileButton
            onChange={(f) => f && upload.mutate(f)}
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,image/tiff"
          >
            {(props) => (
              <Button {...props} variant="outline" loading={upload.isPending} data-testid="photo-upload">
                {t('photos.upload')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('photos.uploadHint')}
          </Text>
        </Group>
      )}
      {upload.isError && <ErrorAlert error={upload.error} />}
      {upload.isSuccess && (
        <Text size="sm" role="status" c="teal.9">
          {t('photos.uploaded')}
        </Text>
      )}
      {arrange.isError && <ErrorAlert error={arrange.error} />}
      {photos.length === 0 ? (
        <Text c="dimmed">{t('photos.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }}>
          {photos.map((p, i) => (
            <PhotoCard
              key={p.id}
              photo={p}
              index={i}
              count={photos.length}
              canWrite={canWrite}
              busy={arrange.isPending}
              onOpen={() => setOpened(p)}
              onPrimary={() => arrange.mutate({ kind: 'primary', id: p.id })}
              onMove={(by) => arrange.mutate({ kind: 'move', id: p.id, by, ids })}
            />
          ))}
        </SimpleGrid>
      )}
      <Modal
        opened={opened !== null}
        onClose={() => setOpened(null)}
        title={t('photos.viewTitle')}
        size="xl"
        centered
      >
        {opened && (
          <Image
            src={mediaUrl(opened.id, 'medium')}
            alt={t('photos.alt', { n: ids.indexOf(opened.id) + 1 })}
            fit="contain"
            mah="75vh"
          />
        )}
      </Modal>
    </Stack>
  );
}

function PhotoCard({
  photo: p,
  index,
  count,
  canWrite,
  busy,
  onOpen,
  onPrimary,
  onMove,
}: {
  photo: Media;
  index: number;
  count: number;
  canWrite: boolean;
  busy: boolean;
  onOpen: () => void;
  onPrimary: () => void;
  onMove: (by: -1 | 1) => void;
}) {
  const { t, lang } = useLang();
  const { session } = useSession();
  return (
    <Card withBorder padding="xs" data-testid="photo" data-id={p.id} data-primary={p.isPrimary}>
      <Card.Section>
        <UnstyledButton onClick={onOpen} aria-label={t('photos.open', { n: index + 1 })} w="100%">
          <Image
            src={mediaUrl(p.id, 'thumbnail')}
            alt={t('photos.alt', { n: index + 1 })}
            h={140}
            fit="cover"
          />
        </UnstyledButton>
      </Card.Section>
      <Group gap={4} mt="xs">
        <Badge variant="outline" color="gray.7" tt="none">
          {t('photos.position', { n: index + 1 })}
        </Badge>
        {p.isPrimary && (
          <Badge color="blue.9" tt="none" data-testid="primary">
            {t('photos.primary')}
          </Badge>
        )}
      </Group>
      <Text size="xs" mt={4}>
        {t('photos.takenOn')}: {formatPartialDate(p.takenOn, lang) ?? t('app.notRecorded')}
      </Text>
      <Text size="xs">
        {t('photos.suppliedBy')}: {p.suppliedBy ? t(`photos.supplier.${p.suppliedBy}`) : t('app.notRecorded')}
        {p.partyId === session.party.id ? ` · ${t('verification.yourParty')}` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        {t('photos.addedOn', { date: formatDateTime(p.createdAt, lang) })}
      </Text>
      {canWrite && (
        <Group gap={4} mt="xs">
          {!p.isPrimary && (
            <Button size="compact-xs" variant="subtle" onClick={onPrimary} disabled={busy}>
              {t('photos.makePrimary')}
            </Button>
          )}
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={t('photos.moveEarlier')}
            disabled={busy || index === 0}
            onClick={() => onMove(-1)}
          >
            ←
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={t('photos.moveLater')}
            disabled={busy || index === count - 1}
            onClick={() => onMove(1)}
          >
            →
          </ActionIcon>
        </Group>
      )}
    </Card>
  );
}

/** The primary photo of a record (or its first), for the side-by-side match review. */
export function PrimaryPhoto({
  subject,
  subjectId,
  label,
}: {
  subject: MediaSubject;
  subjectId: string;
  label: string;
}) {
  const { t } = useLang();
  const canRead = useCan('media.read');
  const q = useMedia(subject, subjectId, canRead);
  const [open, setOpen] = useState(false);
  if (!canRead) return null;
  const photo = q.data
    ? (photosInOrder(q.data.items).find((p) => p.isPrimary) ?? photosInOrder(q.data.items)[0])
    : undefined;
  return (
    <Card withBorder padding="xs" data-testid="match-photo" data-side={label}>
      <Text size="sm" fw={600} mb={4}>
        {label}
      </Text>
      {q.isPending ? (
        <Skeleton h={180} />
      ) : q.isError ? (
        <Text size="sm" c="dimmed">
          {t('photos.unavailable')}
        </Text>
      ) : photo ? (
        <>
          <UnstyledButton onClick={() => setOpen(true)} aria-label={t('photos.openPrimary', { side: label })}>
            <Image
              src={mediaUrl(photo.id, 'thumbnail')}
              alt={t('photos.primaryOf', { side: label })}
              h={180}
              fit="contain"
            />
          </UnstyledButton>
          <Modal opened={open} onClose={() => setOpen(false)} title={label} size="xl" centered>
            <Image
              src={mediaUrl(photo.id, 'medium')}
              alt={t('photos.primaryOf', { side: label })}
              fit="contain"
              mah="75vh"
            />
          </Modal>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('photos.none')}
        </Text>
      )}
    </Card>
  );
}
