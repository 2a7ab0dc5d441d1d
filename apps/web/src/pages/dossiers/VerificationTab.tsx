import type { DossierView } from '../../api/client.ts';
import { useMedia } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { VerificationPanel } from '../verification/VerificationPanel.tsx';
import { dossierStatement } from '../verification/verification.ts';

/** Which claims about the dossier are verified, by whose attestations, and (for signers) the form to attest. */
export function VerificationTab({ dossier }: { dossier: DossierView }) {
  const canSeePhotos = useCan('media.read');
  const media = useMedia('dossiers', dossier.id, canSeePhotos);
  const hashes = canSeePhotos
    ? media.data?.items.filter((m) => m.kind === 'photo').map((m) => m.contentHash)
    : [];
  const ready = !canSeePhotos || media.data || media.isError;
  return (
    <VerificationPanel
      subjectType="dossier"
      subjectId={dossier.id}
      statement={ready ? dossierStatement(dossier, hashes ?? []) : undefined}
    />
  );
}
