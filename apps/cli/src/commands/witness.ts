import type { Command } from 'commander';
import { AppError } from '@homeward/server';
import {
  createCosigner,
  createNoteVerifier,
  decryptPrivateKey,
  encodeVerifierKey,
  encryptPrivateKey,
  entryLeafHash,
  generateEd25519KeyPair,
  isTranslogError,
  MerkleTree,
  openCheckpoint,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  witnessCheckpoint,
  type Checkpoint,
  type EncryptedPrivateKey,
  type LogExport,
  type WitnessState,
} from '@homeward/translog';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** What `homeward witness init` keeps in the witness's folder (besides state.json). */
interface WitnessConfigFile {
  name: string;
  /** The log operator's checkpoint key, as the witness trusts it. */
  logKey: string;
  key: EncryptedPrivateKey;
}

const bad = (message: string) => new AppError('VALIDATION_FAILED', message);

/** Writes a file so that after a crash it holds either the old or the new content, never half. */
export function writeDurably(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(join(file, '..'), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Creates a witness: a cosigning key (encrypted with the passphrase) and the log key it trusts. Returns its vkey. */
export function initWitness(stateDir: string, name: string, logKey: string, passphrase: string): string {
  if (existsSync(join(stateDir, 'witness.json'))) throw bad(`${stateDir} already holds a witness.`);
  parseVerifierKey(logKey);
  const { privateKey, publicKey } = generateEd25519KeyPair();
  const vkey = encodeVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const config: WitnessConfigFile = { name, logKey, key: encryptPrivateKey(privateKey, passphrase) };
  writeDurably(join(stateDir, 'witness.json'), JSON.stringify(config, null, 2) + '\n');
  return vkey;
}

export type CosignResult =
  { ok: true; note: string; size: number } | { ok: false; code: string; message: string };

/**
 * Checks the latest checkpoint of an exported log and cosigns it: the export's entries must give
 * the checkpoint's root, and the new tree must extend the last one this witness cosigned. The
 * new state is saved durably before the cosigned note is returned. A fork, a rollback or an
 * export that does not match its checkpoint is refused with a code, and the state is kept.
 */
export function cosignExport(stateDir: string, exportDir: string, passphrase: string): CosignResult {
  const config = JSON.parse(readFileSync(join(stateDir, 'witness.json'), 'utf8')) as WitnessConfigFile;
  const statePath = join(stateDir, 'state.json');
  const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as WitnessState) : null;
  const exp = JSON.parse(readFileSync(join(exportDir, 'log.json'), 'utf8')) as LogExport;
  const logVerifier = createNoteVerifier(config.logKey);
  const origin = logVerifier.name;
  let latest: { note: string; cp: Checkpoint } | undefined;
  for (const note of exp.checkpoints) {
    try {
      const cp = openCheckpoint(note, logVerifier, origin).checkpoint;
      if (!latest || cp.size > latest.cp.size) latest = { note, cp };
    } catch {
      // a checkpoint not signed by the trusted log key is ignored
    }
  }
  if (!latest)
    return {
      ok: false,
      code: 'NO_CHECKPOINT',
      message: 'the export holds no checkpoint signed by the trusted log key',
    };
  const tree = MerkleTree.fromLeafHashes(exp.entries.map((e) => entryLeafHash(e.entry)));
  if (
    latest.cp.size > tree.size ||
    Buffer.compare(Buffer.from(tree.root(latest.cp.size)), Buffer.from(latest.cp.rootHash)) !== 0
  ) {
    return {
      ok: false,
      code: 'EXPORT_MISMATCH',
      message: `the exported entries do not give the root signed at size ${latest.cp.size}`,
    };
  }
  const from = state?.size ?? 0;
  const proof = from <= latest.cp.size ? tree.consistencyProof(from, latest.cp.size) : [];
  const cosigner = createCosigner(config.name, decryptPrivateKey(config.key, passphrase), () =>
    Math.floor(Date.now() / 1000),
  );
  try {
    const r = witnessCheckpoint({ origin, logVerifier, cosigner }, state, { checkpoint: latest.note, proof });
    writeDurably(statePath, JSON.stringify(r.state) + '\n');
    return { ok: true, note: r.note, size: r.checkpoint.size };
  } catch (err) {
    if (isTranslogError(err)) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}

const passphrase = () => {
  const p = process.env.HOMEWARD_WITNESS_PASSPHRASE;
  if (!p) throw bad('Set HOMEWARD_WITNESS_PASSPHRASE: it protects the witness key.');
  return p;
};

/** Exit code when the witness refuses a checkpoint (a fork, a rollback, a mismatched export). */
export const EXIT_WITNESS_REFUSED = 5;

export function registerWitnessCommands(program: Command) {
  const witness = program
    .command('witness')
    .description('Run a witness: check that the log only grows, and cosign its checkpoints');
  witness
    .command('init')
    .description('Create a witness key in a folder; prints the witness key to register with Homeward')
    .requiredOption('--state <dir>', 'the witness folder (keep it; it remembers what was cosigned)')
    .requiredOption('--name <name>', 'the witness name, e.g. witness.ua.example')
    .requiredOption(
      '--log-key <vkey>',
      'the log key you trust (from GET /api/v1/log/checkpoint, checked out of band)',
    )
    .action((o: { state: string; name: string; logKey: string }) => {
      console.log(initWitness(o.state, o.name, o.logKey, passphrase()));
    });
  witness
    .command('cosign')
    .description('Check the latest checkpoint of an exported log and cosign it (exit code 5 if refused)')
    .requiredOption('--state <dir>', 'the witness folder')
    .requiredOption('--export <dir>', 'a folder written by `homeward log export`')
    .option('--out <file>', 'where to write the cosigned checkpoint (default: print it)')
    .action((o: { state: string; export: string; out?: string }) => {
      const r = cosignExport(o.state, o.export, passphrase());
      if (!r.ok) {
        console.error(`REFUSED ${r.code}: ${r.message}`);
        process.exitCode = EXIT_WITNESS_REFUSED;
        return;
      }
      if (o.out) writeFileSync(o.out, r.note);
      else process.stdout.write(r.note);
      if (o.out) console.log(`Cosigned the checkpoint of size ${r.size}; state saved.`);
    });
}
