import type { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError, systemActor, type Runtime } from '@homeward/server';
import { exportBundle } from '@homeward/server/modules/exchange/bundle-export.service.ts';
import { importBundle } from '@homeward/server/modules/exchange/bundle-import.service.ts';
import type { ExchangeDeps } from '@homeward/server/modules/exchange/exchange.deps.ts';
import { listExchangeBundles, listExchangeConflicts } from '@homeward/server/modules/exchange/exchange.service.ts';
import { isOwnParty } from '@homeward/server/modules/exchange/exchange.repository.ts';
import { exportPartyCard, importPartyCard } from '@homeward/server/modules/exchange/party-card.ts';
import { mediaStorageFromConfig } from '@homeward/server/modules/media/media.storage.ts';
import { listParties } from '@homeward/server/modules/parties/parties.repository.ts';
import { deriveSecret } from '@homeward/server/runtime.ts';
import { withRuntime } from './runtime.ts';

const depsOf = (rt: Runtime): ExchangeDeps => ({
  db: rt.database.db,
  clock: rt.clock,
  secret: deriveSecret(rt.config.secrets.masterKey, 'server'),
  media: mediaStorageFromConfig(rt.config),
});

/** The sending party: the one given, or this instance's only own party. */
async function ownParty(rt: Runtime, code: string | undefined) {
  const own = [];
  for (const p of await listParties(rt.database.db)) if (await isOwnParty(rt.database.db, p.id)) own.push(p);
  const found = code ? own.find((p) => p.code === code) : own.length === 1 ? own[0] : undefined;
  if (!found) {
    throw new AppError('PARTY_NOT_FOUND', code ? `No party of this instance has the code ${code}.` : `This instance holds ${own.length} parties: name one with --from (${own.map((p) => p.code).join(', ')}).`);
  }
  return found;
}

const writeNew = (file: string, data: string | Buffer) => {
  const out = resolve(file);
  if (existsSync(out)) throw new AppError('ALREADY_EXISTS', 'The output file exists already; choose another name.');
  writeFileSync(out, data, { mode: 0o600 });
  return out;
};

/**
 * `homeward bundle …` and `homeward party export-keys|import-keys`: signed, encrypted exchange between
 * Homeward instances (docs/EXCHANGE.md). Partners first swap party cards (public keys, self-signed)
 * and compare fingerprints by another channel; then bundles go back and forth.
 */
export function registerBundleCommands(program: Command) {
  const party = program.commands.find((c) => c.name() === 'party') ?? program.command('party').description('Parties taking part');
  party
    .command('export-keys')
    .description("Write this instance's party card (public signing and encryption keys, signed) for a partner")
    .option('--party <CODE>', 'the party (default: the only party of this instance)')
    .requiredOption('--out <file>', 'where to write the card (JSON)')
    .action(async (o: { party?: string; out: string }) => {
      const card = await withRuntime(async (rt) => exportPartyCard(depsOf(rt), (await ownParty(rt, o.party)).code));
      const out = writeNew(o.out, `${JSON.stringify(card, null, 2)}\n`);
      const current = card.signingKeys.filter((k) => !k.revokedAt).at(-1)!;
      console.log(`Party card of ${card.party.code} written to ${out}.`);
      console.log(`  fingerprint (signing key id): ${current.keyId}`);
    });
  party
    .command('import-keys <file>')
    .description("Register a partner from its party card (or update it: a later card must be signed by a key already registered)")
    .action(async (file: string) => {
      let card: unknown;
      try {
        card = JSON.parse(readFileSync(resolve(file), 'utf8'));
      } catch {
        throw new AppError('PARTY_CARD_INVALID', 'The file is not a party card (not JSON).');
      }
      const r = await withRuntime((rt) => importPartyCard(depsOf(rt), systemActor(), card));
      console.log(`${r.created ? 'Registered' : 'Updated'} partner ${r.party.code} (${r.party.name}): ${r.keysAdded} keys added, ${r.keysRevoked} revoked${r.encryptionKeyChanged ? ', new encryption key' : ''}.`);
      console.log(`  fingerprint (signing key id): ${r.fingerprint}`);
      if (r.created) console.log('  Check this fingerprint with the partner by another channel (telephone, in person) before exchanging bundles.');
    });

  const bundle = program.command('bundle').description('Signed, encrypted exchange bundles between parties');
  bundle
    .command('export')
    .description('Build a bundle of what the receiving party may see, signed and encrypted to it')
    .requiredOption('--to <CODE>', 'the receiving party (a registered partner)')
    .option('--from <CODE>', 'the sending party (default: the only party of this instance)')
    .option('--since <date>', 'records changed at or after this date or time (default: since the last bundle to this party)')
    .requiredOption('--out <file>', 'where to write the bundle')
    .action(async (o: { to: string; from?: string; since?: string; out: string }) => {
      let since: string | undefined;
      if (o.since) {
        const d = new Date(o.since);
        if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION_FAILED', '--since takes a date such as 2026-05-01 or 2026-05-01T12:00:00Z.');
        since = d.toISOString();
      }
      if (existsSync(resolve(o.out))) throw new AppError('ALREADY_EXISTS', 'The output file exists already; choose another name.');
      const b = await withRuntime(async (rt) => exportBundle(depsOf(rt), systemActor(), { fromPartyId: (await ownParty(rt, o.from)).id, to: o.to, since }));
      const out = writeNew(o.out, b.bytes);
      const c = b.counts;
      console.log(`Bundle ${b.sequence} from ${b.from} to ${b.to} written to ${out} (id ${b.bundleId}).`);
      console.log(`  ${c.dossiers} dossiers, ${c.requests} requests, ${c.attestations} attestations, ${c.caseEvents} case status changes, ${c.files} photos`);
      console.log(`  sha256 ${b.sha256} (entered in the transparency log)`);
    });
  bundle
    .command('import <file>')
    .description('Check, decrypt and import a bundle; the same bundle twice changes nothing')
    .action(async (file: string) => {
      const bytes = readFileSync(resolve(file));
      const r = await withRuntime((rt) => importBundle(depsOf(rt), systemActor(), bytes));
      if (r.status === 'already-imported') {
        console.log(`Bundle ${r.sequence} from ${r.from} (id ${r.bundleId}) was already imported; nothing changed.`);
        return;
      }
      const t = (x: { created: number; updated: number; unchanged: number; conflicts: number }) => `${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged, ${x.conflicts} conflicts`;
      console.log(`Imported bundle ${r.sequence} from ${r.from} to ${r.to} (id ${r.bundleId}).`);
      console.log(`  dossiers: ${t(r.dossiers)}`);
      console.log(`  requests: ${t(r.requests)}`);
      console.log(`  attestations: ${r.attestations.received} received, ${r.attestations.invalid} not verifiable; case status changes: ${r.caseEvents}; photos: ${r.files.attached} attached, ${r.files.rejected} rejected`);
      console.log(`  matching: ${r.matching.proposals} proposals; transparency log index ${r.logIndex}`);
      if (r.missedSequences.length) console.log(`  warning: bundles ${r.missedSequences.join(', ')} from ${r.from} never arrived here`);
      if (r.dossiers.conflicts + r.requests.conflicts > 0) console.log('  Conflicts are listed by `homeward bundle conflicts` for a person to resolve.');
    });
  bundle
    .command('list')
    .description('Bundles sent and received')
    .action(async () => {
      const { items } = await withRuntime((rt) => listExchangeBundles(depsOf(rt), systemActor()));
      for (const b of items) console.log(`${b.processedAt}  ${b.direction.padEnd(8)} ${b.from} → ${b.to} #${b.sequence}  ${b.id}  ${b.sha256.slice(0, 16)}…`);
      if (items.length === 0) console.log('No bundles yet.');
    });
  bundle
    .command('conflicts')
    .description('Open conflicts: records changed here and by the sender')
    .action(async () => {
      const { items } = await withRuntime((rt) => listExchangeConflicts(depsOf(rt), systemActor(), 'open'));
      for (const c of items) console.log(`${c.id}  ${c.subjectType} ${c.subjectId} from ${c.from} (local version ${c.localVersion})`);
      if (items.length === 0) console.log('No open conflicts.');
    });
}
