import { fromBase64 } from './bytes.ts';
import { parseStatement, verifyAttestation, type PartyKey, type SubjectContent } from './attestation.ts';
import { envelopeDigest, parseEnvelope, type DsseEnvelope } from './dsse.ts';
import type { LogEntry } from './entry.ts';
import type { Findings } from './findings.ts';

/** The subject as a party holds it, for the stale check; `salt: null` once erased. */
export interface SubjectRecord {
  subjectDigest: string;
  /** Base64 salt, or null when it was destroyed by erasure. */
  salt: string | null;
  covered?: unknown;
}

interface Registered {
  index: number;
  key: PartyKey;
  revokedIndex?: number;
}

const SKEW_MS = 5 * 60 * 1000;

/** The subject digest of an envelope's statement, if it parses. */
function subjectOf(env: DsseEnvelope): string | undefined {
  try {
    return parseStatement(env).subject[0].digest.sha256;
  } catch {
    return undefined;
  }
}

/** Builds the key registry from the log and compares it with the keys the checker trusts. */
function readRegistry(
  entries: readonly LogEntry[],
  trusted: readonly PartyKey[],
  f: Findings,
): Map<string, Registered> {
  const registry = new Map<string, Registered>();
  entries.forEach((e, index) => {
    if (e.kind === 'key-registration') {
      const prev = registry.get(e.keyId);
      if (prev && prev.key.publicKey !== e.publicKey) {
        f.error(
          'KEY_REGISTRATION_CONFLICT',
          `entry ${index} registers key ${e.keyId.slice(0, 16)} again with another public key`,
          {
            entryIndex: index,
          },
        );
        return;
      }
      const key = {
        party: e.party,
        keyId: e.keyId,
        publicKey: e.publicKey,
        validFrom: e.validFrom,
        validUntil: e.validUntil,
      };
      registry.set(e.keyId, { index, key });
    } else if (e.kind === 'key-revocation') {
      const reg = registry.get(e.keyId);
      if (reg && reg.revokedIndex === undefined) {
        reg.revokedIndex = index;
        reg.key = { ...reg.key, revokedAt: e.revokedAt };
      }
    }
  });
  if (registry.size === 0) {
    f.warn(
      'KEY_REGISTRY_ABSENT',
      'the log registers no keys; attestations are checked against the supplied keys only',
    );
    return registry;
  }
  for (const t of trusted) {
    const reg = registry.get(t.keyId);
    if (!reg) {
      f.warn('KEY_NOT_IN_LOG', `key ${t.keyId.slice(0, 16)} of ${t.party} is not registered in the log`);
    } else if (
      reg.key.publicKey !== t.publicKey ||
      reg.key.party !== t.party ||
      reg.key.validFrom !== t.validFrom ||
      reg.key.validUntil !== t.validUntil
    ) {
      f.error(
        'KEY_MISMATCH',
        `key ${t.keyId.slice(0, 16)} of ${t.party} differs from its registration in entry ${reg.index}`,
        {
          entryIndex: reg.index,
        },
      );
    }
  }
  return registry;
}

/** Keys usable for the entry at `index`: trusted, registered before it, revocations before it applied. */
function keysAt(index: number, trusted: readonly PartyKey[], registry: Map<string, Registered>): PartyKey[] {
  if (registry.size === 0) return [...trusted];
  return trusted.flatMap((t) => {
    const reg = registry.get(t.keyId);
    if (!reg || reg.index >= index || reg.key.publicKey !== t.publicKey) return [];
    // Once the revocation is in the log, nothing logged after it may use the key, whatever
    // signing time it claims: a thief could backdate. Old signatures must be logged before.
    const logRevoked = reg.revokedIndex !== undefined && reg.revokedIndex < index ? reg.key.validFrom : null;
    const revokedAt = [t.revokedAt, logRevoked].filter((x): x is string => !!x).sort()[0] ?? null;
    return [{ ...reg.key, revokedAt }];
  });
}

/**
 * Checks every attestation entry against its envelope, the key registry as of that entry, and,
 * when the checker holds it, the subject's content. Adds findings; returns outcome counts.
 */
export function verifyAttestationEntries(
  entries: readonly LogEntry[],
  envelopes: readonly unknown[],
  trusted: readonly PartyKey[],
  subjects: readonly SubjectRecord[],
  f: Findings,
): Record<'valid' | 'stale' | 'subject-erased' | 'invalid', number> {
  const counts = { valid: 0, stale: 0, 'subject-erased': 0, invalid: 0 };
  const registry = readRegistry(entries, trusted, f);
  const byDigest = new Map<string, DsseEnvelope>();
  for (const raw of envelopes) {
    try {
      const env = parseEnvelope(raw);
      byDigest.set(envelopeDigest(env), env);
    } catch {
      f.error('STATEMENT_MALFORMED', 'an exported envelope is not a DSSE envelope');
    }
  }
  const erased = new Set(entries.flatMap((e) => (e.kind === 'erasure' ? e.subjectDigests : [])));
  const held = new Map(subjects.map((s) => [s.subjectDigest, s]));
  // Envelopes named exactly by some entry are taken first, so that a missing one is never
  // confused with another entry's envelope about the same subject.
  const used = new Set(
    entries.flatMap((e) =>
      e.kind === 'attestation' && byDigest.has(e.envelopeSha256) ? [e.envelopeSha256] : [],
    ),
  );
  entries.forEach((e, index) => {
    if (e.kind !== 'attestation') return;
    const at = { entryIndex: index };
    const what = `entry ${index} (${e.claim} by ${e.party})`;
    const env = byDigest.get(e.envelopeSha256);
    if (!env) {
      counts.invalid++;
      const altered = [...byDigest].find(([d, x]) => !used.has(d) && subjectOf(x) === e.subjectDigest);
      if (!altered) {
        f.error('ATTESTATION_ENVELOPE_MISSING', `${what}: its signed envelope is missing`, at);
        return;
      }
      used.add(altered[0]);
      const broken = verifyAttestation(altered[1], keysAt(index, trusted, registry)).status === 'invalid';
      const tail = broken ? ', and its signature no longer verifies' : '';
      f.error(
        'ATTESTATION_ENVELOPE_ALTERED',
        `${what}: its signed envelope was changed after it was logged${tail}`,
        at,
      );
      return;
    }
    const stmt = (() => {
      try {
        return parseStatement(env);
      } catch {
        return undefined;
      }
    })();
    const p = stmt?.predicate;
    const s = stmt?.subject[0];
    if (
      stmt &&
      (s?.digest.sha256 !== e.subjectDigest ||
        s.name !== e.subjectRef ||
        p?.claim !== e.claim ||
        p.party !== e.party)
    ) {
      f.error('ATTESTATION_ENTRY_MISMATCH', `${what}: the log entry and the signed statement disagree`, at);
    }
    if (p && Date.parse(p.timeSigned) > Date.parse(e.time) + SKEW_MS) {
      f.error('ATTESTATION_TIME_AFTER_LOGGING', `${what}: claims to be signed after it was logged`, at);
    }
    const rec = held.get(e.subjectDigest);
    let subject: SubjectContent | undefined;
    if (rec && rec.salt !== null) subject = { salt: fromBase64(rec.salt), covered: rec.covered };
    else if (rec || erased.has(e.subjectDigest)) subject = 'erased';
    const keys = keysAt(index, trusted, registry);
    const check = verifyAttestation(env, keys, subject);
    counts[check.status]++;
    if (check.key && check.key.keyId !== e.keyId) {
      f.error('ATTESTATION_ENTRY_MISMATCH', `${what}: the log entry names another signing key`, at);
    }
    if (check.status === 'invalid') {
      const unregistered =
        check.code === 'SIGNATURE_INVALID' &&
        registry.size > 0 &&
        verifyAttestation(env, trusted).status !== 'invalid';
      if (unregistered)
        f.error('KEY_NOT_REGISTERED', `${what}: signed with a key not registered in the log before it`, at);
      else f.error(check.code as 'SIGNATURE_INVALID', `${what}: ${check.message}`, at);
    } else if (check.status === 'stale') {
      f.warn('STALE_CONTENT', `${what}: ${check.message}`, at);
    } else if (check.status === 'subject-erased') {
      f.info('SUBJECT_ERASED', `${what}: ${check.message}`, at);
    }
  });
  for (const digest of byDigest.keys()) {
    if (!used.has(digest))
      f.warn('ENVELOPE_NOT_IN_LOG', `an exported envelope (${digest.slice(0, 16)}…) is not in the log`);
  }
  return counts;
}
