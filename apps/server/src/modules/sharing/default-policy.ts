import { sharingPolicyDocument, type SharingPolicyDocument } from '@homeward/contracts';

/**
 * The sharing policy that ships with Homeward: today's behaviour written as a policy. It governs
 * every party that no agreed policy names (docs/SECURITY.md, "Sharing policy").
 *
 * - Dossiers: every party receives the identity and sensitive data points of every other party's
 *   dossiers, for tracing, verification and case work (what a user of another party reads, and
 *   what an exchange bundle carries). Role tiers still apply on top: a viewer sees no services.
 * - Requests: a family's request stays with the party that filed it for reading through the API
 *   (no `case-work` rule); exchange bundles, for tracing, carry the sought child and the
 *   requester's relationship so that the partner can match.
 * - Statistics: nothing (reports publish suppressed counts, not records).
 * - Restricted data points (exact address, requester's name and contact) cannot be named at all.
 */
export const defaultSharingPolicy: SharingPolicyDocument = sharingPolicyDocument.parse({
  format: 'homeward-sharing-policy',
  version: 'homeward-default-1',
  description: "Homeward's built-in policy: identity and sensitive dossier data to every party; requests only in bundles, for matching.",
  parties: [],
  rules: [
    {
      from: '*',
      to: '*',
      purposes: ['tracing', 'verification', 'case-work'],
      legalBasis: 'public-task',
      dataPoints: [
        'dossier.names',
        'dossier.sex',
        'dossier.birth',
        'dossier.displacement',
        'dossier.currentLocation.region',
        'dossier.currentLocation.placement',
        'dossier.biography',
        'dossier.languages',
        'dossier.services.*',
        'dossier.sources',
        'dossier.photos',
      ],
    },
    {
      from: '*',
      to: '*',
      purposes: ['tracing'],
      legalBasis: 'best-interests-of-the-child',
      dataPoints: ['request.sought.*', 'request.requester.relationship'],
    },
  ],
  requestDefaults: [],
});
