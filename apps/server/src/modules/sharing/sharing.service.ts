import { canonicalJson, sha256Hex, utf8 } from '@homeward/translog';
import { sharingPolicyDocument, type SharingPolicy, type SharingPolicyDocument } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import { sign } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findSigningKey } from '../transparency/keys.repository.ts';
import { appendLogEntry, newEntry, privateKeyOf, publishCheckpoint } from '../transparency/log.service.ts';
import { defaultSharingPolicy } from './default-policy.ts';
import {
  activatePolicy,
  findAgreements,
  findParties,
  findPartiesNamed,
  findPolicyByVersion,
  findPolicyLogEntries,
  insertAgreement,
  insertPolicy,
  listPolicies,
} from './sharing.repository.ts';
import type { SharingPolicyRow } from './sharing.tables.ts';

export interface SharingDeps {
  db: Kysely<DB>;
  clock: Clock;
  secret: Buffer;
}

/** What a party signs to agree: a fixed context string, then the policy's hash. */
export const agreementMessage = (sha256: string) => Buffer.from(`homeward-sharing-policy/v1\n${sha256}`, 'utf8');

/** Hex SHA-256 of the document's RFC 8785 canonical JSON. */
export const policyHash = (doc: SharingPolicyDocument) => sha256Hex(utf8(canonicalJson(doc)));

/** The log records hashes, version strings and party ids only (never the rules' text). */
async function logPolicyEvent(trx: Executor, row: SharingPolicyRow, partyId: string, from: string, to: string, now: Date, meta: Record<string, string> = {}) {
  await appendLogEntry(trx, newEntry({ kind: 'status-transition', party: partyId, subjectRef: `sharing-policy/${row.id}`, from, to, meta: { policySha256: row.sha256, ...meta } }, now));
}

async function present(db: Executor, rows: SharingPolicyRow[]): Promise<SharingPolicy[]> {
  const agreements = await findAgreements(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const document = sharingPolicyDocument.parse(r.document);
    const mine = agreements.filter((a) => a.policy_id === r.id);
    return {
      version: r.version,
      sha256: r.sha256,
      status: r.status as SharingPolicy['status'],
      document,
      proposedAt: r.proposed_at.toISOString(),
      activatedAt: r.activated_at?.toISOString() ?? null,
      agreements: mine.map((a) => ({ partyCode: a.party_code, keyId: a.key_id, signature: a.signature, agreedAt: a.agreed_at.toISOString() })),
      waitingFor: document.parties.filter((code) => !mine.some((a) => a.party_code === code)),
    };
  });
}

/**
 * Proposes a new version. Every party it names must be known here, and the proposer's party must
 * be one of them. Logged (hash only) and audited; it is in force only once every party agreed.
 */
export async function proposePolicy(deps: SharingDeps, actor: Actor, doc: SharingPolicyDocument): Promise<SharingPolicy> {
  const now = deps.clock.now();
  const created = await deps.db.transaction().execute(async (trx) => {
    const parties = await findParties(trx);
    const unknown = doc.parties.filter((code) => !parties.some((p) => p.code === code));
    if (unknown.length) throw new AppError('SHARING_POLICY_PARTY_UNKNOWN', 'The policy names parties this instance does not know.', { details: { parties: unknown } });
    const own = parties.find((p) => p.id === actor.partyId);
    if (!own || !doc.parties.includes(own.code)) throw new AppError('SHARING_POLICY_NOT_A_PARTY', "A policy can only be proposed by one of the parties whose records it covers.");
    if (doc.version === defaultSharingPolicy.version || (await findPolicyByVersion(trx, doc.version))) {
      throw new AppError('ALREADY_EXISTS', 'A sharing policy with this version exists; give the new one a new version.');
    }
    const row = await insertPolicy(trx, { version: doc.version, sha256: policyHash(doc), document: JSON.stringify(doc), proposed_by: actor.userId, proposed_party_id: own.id, proposed_at: now });
    await logPolicyEvent(trx, row, own.id, 'none', 'proposed', now);
    await recordAudit(trx, actor, { action: 'sharing-policy.propose', recordType: 'sharing_policy', recordId: row.id, details: { version: row.version, sha256: row.sha256 } });
    return row;
  });
  await publishCheckpoint(deps);
  return (await present(deps.db, [created]))[0]!;
}

/**
 * The caller's party agrees to a proposed version: its current signing key signs the policy's
 * hash (`sha256` must be the hash the administrator read). When the last named party agrees,
 * the version comes into force and the one before it is superseded. Each step is logged.
 */
export async function agreeToPolicy(deps: SharingDeps, actor: Actor, version: string, sha256: string): Promise<SharingPolicy> {
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const policy = await findPolicyByVersion(trx, version);
    if (!policy) throw notFound('SHARING_POLICY_NOT_FOUND');
    if (policy.status !== 'proposed') throw new AppError('SHARING_POLICY_NOT_PROPOSED', `This version is ${policy.status}; only a proposed version can be agreed to.`);
    if (policy.sha256 !== sha256) throw new AppError('SHARING_POLICY_HASH_MISMATCH', 'The hash given is not the hash of this version: read the version again before agreeing.', { details: { sha256: policy.sha256 } });
    const doc = sharingPolicyDocument.parse(policy.document);
    const parties = await findParties(trx);
    const own = parties.find((p) => p.id === actor.partyId);
    if (!own || !doc.parties.includes(own.code)) throw new AppError('SHARING_POLICY_NOT_A_PARTY', 'Only a party whose records the policy covers agrees to it.');
    const agreements = await findAgreements(trx, [policy.id]);
    if (agreements.some((a) => a.party_id === own.id)) throw new AppError('SHARING_POLICY_ALREADY_AGREED', 'Your party has already agreed to this version.');
    const key = await findSigningKey(trx, own.id, 'attestation', now);
    if (!key?.encrypted_private_key) {
      throw new AppError('SHARING_PARTY_KEY_MISSING', "Your party has no signing key on this server: an administrator creates one (party keys) before agreeing.");
    }
    const signature = sign(null, agreementMessage(policy.sha256), privateKeyOf(key, deps.secret)).toString('base64');
    await insertAgreement(trx, { policy_id: policy.id, party_id: own.id, key_id: key.key_id, signature, agreed_by: actor.userId, agreed_at: now });
    await logPolicyEvent(trx, policy, own.id, 'proposed', 'agreed', now, { keyId: key.key_id, signature });
    await recordAudit(trx, actor, { action: 'sharing-policy.agree', recordType: 'sharing_policy', recordId: policy.id, details: { version, keyId: key.key_id } });
    const agreed = new Set([...agreements.map((a) => a.party_code), own.code]);
    if (doc.parties.every((code) => agreed.has(code))) {
      await activatePolicy(trx, policy.id, now);
      await logPolicyEvent(trx, policy, own.id, 'proposed', 'active', now);
      await recordAudit(trx, actor, { action: 'sharing-policy.activate', recordType: 'sharing_policy', recordId: policy.id, details: { version } });
    }
    return (await findPolicyByVersion(trx, version))!;
  });
  await publishCheckpoint(deps);
  return (await present(deps.db, [row]))[0]!;
}

/** The policy in force (if any agreed one), the built-in default, and every version proposed. */
export async function listSharingPolicies(deps: SharingDeps) {
  const history = await present(deps.db, await listPolicies(deps.db));
  return { active: history.find((p) => p.status === 'active') ?? null, builtIn: defaultSharingPolicy, history };
}

/** The log entries of one version (proposed, each agreement, in force): hashes, ids and codes only. */
export async function getPolicyLogEntries(deps: SharingDeps, version: string) {
  const policy = await findPolicyByVersion(deps.db, version);
  if (!policy) throw notFound('SHARING_POLICY_NOT_FOUND');
  return { items: await findPolicyLogEntries(deps.db, policy.id) };
}

/** The parties this instance knows, by code (a preview asks for one of them). */
export async function listSharingParties(deps: SharingDeps) {
  return { items: await findPartiesNamed(deps.db) };
}
