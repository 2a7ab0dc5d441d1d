import { DEFAULT_MODEL, MatchIndex, type MatchRecord } from '@homeward/matching';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dossierRecord, requestRecord } from './matching.records.ts';

interface SyncRow {
  id: string;
  version: number;
  change_seq: number;
  open: boolean;
  record: MatchRecord;
}

/** Rows read per round trip when catching up. */
const PAGE = 5000;

/** Where an index's records come from: one table, read in four ways. */
interface Source {
  fingerprint(db: Kysely<DB>): Promise<{ n: string; v: string }>;
  /** Up to PAGE rows whose change number is above `since` (from the start when null), in change order. */
  changedSince(db: Kysely<DB>, since: number | null): Promise<SyncRow[]>;
  versions(db: Kysely<DB>): Promise<Array<{ id: string; version: number }>>;
  byIds(db: Kysely<DB>, ids: string[]): Promise<SyncRow[]>;
}

const IDENTITY = ['id', 'status', 'version', 'names', 'sex', 'birth_date', 'birth_date_precision', 'birth_place', 'displacement', 'change_seq'] as const;
const fingerprint = [sql<string>`count(*)::text`.as('n'), sql<string>`coalesce(sum(version), 0)::text`.as('v')];

const dossiers: Source = {
  fingerprint: (db) => db.selectFrom('dossier').select(fingerprint).executeTakeFirstOrThrow(),
  versions: (db) => db.selectFrom('dossier').select(['id', 'version']).execute(),
  async changedSince(db, since) {
    // LIMIT keeps the plan on the change_seq index even before the table has statistics.
    let q = db.selectFrom('dossier').select([...IDENTITY, 'current_region']).orderBy('change_seq').limit(PAGE);
    if (since !== null) q = q.where('change_seq', '>', since);
    return (await q.execute()).map((r) => ({ id: r.id, version: r.version, change_seq: r.change_seq, open: r.status === 'open', record: dossierRecord(r) }));
  },
  async byIds(db, ids) {
    const rows = await db.selectFrom('dossier').select([...IDENTITY, 'current_region']).where('id', 'in', ids).execute();
    return rows.map((r) => ({ id: r.id, version: r.version, change_seq: r.change_seq, open: r.status === 'open', record: dossierRecord(r) }));
  },
};

const requests: Source = {
  fingerprint: (db) => db.selectFrom('tracing_request').select(fingerprint).executeTakeFirstOrThrow(),
  versions: (db) => db.selectFrom('tracing_request').select(['id', 'version']).execute(),
  async changedSince(db, since) {
    let q = db.selectFrom('tracing_request').select([...IDENTITY, 'last_known_place']).orderBy('change_seq').limit(PAGE);
    if (since !== null) q = q.where('change_seq', '>', since);
    return (await q.execute()).map((r) => ({ id: r.id, version: r.version, change_seq: r.change_seq, open: r.status === 'open', record: requestRecord(r) }));
  },
  async byIds(db, ids) {
    const rows = await db.selectFrom('tracing_request').select([...IDENTITY, 'last_known_place']).where('id', 'in', ids).execute();
    return rows.map((r) => ({ id: r.id, version: r.version, change_seq: r.change_seq, open: r.status === 'open', record: requestRecord(r) }));
  },
};

/**
 * A per-process index of the open records of one table (dossiers, or tracing requests). Built
 * from the database on first use; before every use it takes in the rows changed since the last
 * look (by the tables' change sequence), and checks the result against a count-and-version-sum
 * fingerprint: anything the fast path missed (a transaction that committed after a later-numbered
 * one) makes it compare every version. So
 * creations, edits and closures made by any process are seen without hooks in the owning modules.
 */
export class SyncedIndex {
  readonly index = new MatchIndex(DEFAULT_MODEL);
  private readonly versions = new Map<string, number>();
  /** The engine's view of each indexed record (for the version hash of a pair). */
  readonly records = new Map<string, MatchRecord>();
  /** The highest change number taken in. */
  private watermark: number | null = null;
  private versionSum = 0;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly source: Source,
  ) {}

  /**
   * Brings the index up to date with the database (one sync at a time). The fast path (rows
   * changed since the last look, an indexed range read) always runs; the full fingerprint (a scan
   * of the table) runs when the last one is older than `fingerprintMaxAgeMs` (default: always).
   * Interactive paths pass about a second: a late commit by another process is then seen within
   * that time, and the catch-up job proposes anything a create missed.
   */
  async sync(opts: { fingerprintMaxAgeMs?: number } = {}): Promise<this> {
    while (this.syncing) await this.syncing;
    this.syncing = this.pull(opts.fingerprintMaxAgeMs ?? 0).finally(() => (this.syncing = null));
    await this.syncing;
    return this;
  }

  private lastFingerprint = 0;

  /** Reads these rows now, whatever their timestamps: a create or import refreshes what it wrote. */
  async refresh(ids: readonly string[]): Promise<this> {
    while (this.syncing) await this.syncing;
    for (let i = 0; i < ids.length; i += 1000) this.apply(await this.source.byIds(this.db, ids.slice(i, i + 1000)));
    return this;
  }

  private async pull(fingerprintMaxAgeMs: number): Promise<void> {
    // Fast path: rows changed since the last look, by change number (an index range read). A
    // transaction that took its number before another's but committed after it is caught by
    // the fingerprint below.
    for (;;) {
      const page = await this.source.changedSince(this.db, this.watermark);
      this.apply(page);
      if (page.length < PAGE) break;
    }
    const started = Date.now();
    if (started - this.lastFingerprint < fingerprintMaxAgeMs) return;
    if (!(await this.fingerprintChanged())) {
      this.lastFingerprint = started;
      return;
    }
    // Something committed out of number order: compare every version.
    const stale = (await this.source.versions(this.db)).filter((r) => this.versions.get(r.id) !== r.version).map((r) => r.id);
    for (let i = 0; i < stale.length; i += 1000) this.apply(await this.source.byIds(this.db, stale.slice(i, i + 1000)));
    this.lastFingerprint = started;
  }

  /** Count and version sum of all rows: every insert and update (versions grow) changes it. */
  private async fingerprintChanged(): Promise<boolean> {
    const row = await this.source.fingerprint(this.db);
    return Number(row.n) !== this.versions.size || Number(row.v) !== this.versionSum;
  }

  private apply(rows: SyncRow[]): void {
    for (const row of rows) {
      if (this.watermark === null || row.change_seq > this.watermark) this.watermark = row.change_seq;
      const known = this.versions.get(row.id);
      if (known === row.version) continue;
      this.versionSum += row.version - (known ?? 0);
      this.versions.set(row.id, row.version);
      if (row.open) {
        this.records.set(row.id, row.record);
        this.index.update(row.record);
      } else {
        this.records.delete(row.id);
        this.index.remove(row.id);
      }
    }
  }
}

const dossierIndexes = new WeakMap<Kysely<DB>, SyncedIndex>();
const requestIndexes = new WeakMap<Kysely<DB>, SyncedIndex>();

function indexFor(cache: WeakMap<Kysely<DB>, SyncedIndex>, db: Kysely<DB>, source: Source): SyncedIndex {
  let ix = cache.get(db);
  if (!ix) {
    ix = new SyncedIndex(db, source);
    cache.set(db, ix);
  }
  return ix;
}

/** The index of open dossiers for this database handle (one per process and database). */
export const dossierIndex = (db: Kysely<DB>): SyncedIndex => indexFor(dossierIndexes, db, dossiers);

/** The index of open tracing requests: finds the requests a newly arrived dossier may answer. */
export const requestIndex = (db: Kysely<DB>): SyncedIndex => indexFor(requestIndexes, db, requests);
