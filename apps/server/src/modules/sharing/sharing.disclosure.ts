import { partyKinds, type RequestDisclosure } from '@homeward/contracts';
import { AppError } from '../../errors.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { defaultSharingPolicy } from './default-policy.ts';
import { disclosureExcess, policyFor } from './sharing.engine.ts';
import { findParties } from './sharing.repository.ts';
import { findActivePolicyDocument } from './sharing.view.ts';

/**
 * Checks a filing party's disclosure choice against the policy that governs its records: every
 * party code must be known (400 DISCLOSURE_PARTY_UNKNOWN) and no choice may give a party more
 * than the policy does for any purpose (409 DISCLOSURE_EXCEEDS_POLICY, naming what exceeds).
 */
export async function checkDisclosure(db: Executor, ownerPartyId: string, disclosure: RequestDisclosure): Promise<void> {
  const parties = await findParties(db);
  const owner = parties.find((p) => p.id === ownerPartyId);
  if (!owner) throw new AppError('FORBIDDEN', 'Only a member of a party can choose what other parties see.');
  const kinds: readonly string[] = partyKinds;
  const unknown = Object.keys(disclosure).filter((k) => !kinds.includes(k) && !parties.some((p) => p.code === k));
  if (unknown.length) throw new AppError('DISCLOSURE_PARTY_UNKNOWN', 'The disclosure names parties this instance does not know.', { details: { parties: unknown } });
  const policy = policyFor(owner, await findActivePolicyDocument(db), defaultSharingPolicy);
  const excess = disclosureExcess(policy, disclosure, owner, new Map(parties.map((p) => [p.code, p.kind])));
  if (excess.length) {
    throw new AppError('DISCLOSURE_EXCEEDS_POLICY', `The disclosure gives a party more than sharing policy ${policy.version} allows; it can only narrow what the policy shares.`, {
      details: { policyVersion: policy.version, excess },
    });
  }
}
