import { DEFAULT_MODEL, MatchIndex, type MatchRecord } from '@homeward/matching';
import { sql, type Kysely } from 'kysely';
import type { DB, DossierRow } from '../../db/schema.ts';
import { dossierRecord } from './matching.records.ts';

const COLUMNS = [
  'id',
  'status',
  'version',
  'names',
  'sex',
  'birth_date',
  'birth_date_precision',
  'birth_place',
  'displacement',
  'current_region',
  'updated_at',
] as const;

/**
 * The per-process index of open dossiers. Built from the database on first use; before every
 * use it takes in the dossiers changed since the last look (by `updated_at`, with a margin for
 * transactions that committed late, and by version, checked against a count-and-version-sum
 * fingerprint), so creations, edits and closures made by any process are seen without a hook in
 * the dossiers module.
 */
export class DossierIndex {
  readonly index = new MatchIndex(DEFAULT_MODEL);
  private readonly versions = new Map<string, number>();
  /** The engine's view of each indexed dossier (for the version hash of a pair). */
  readonly records = new Map<string, MatchRecord>();
  private watermark: Date | null = null;
  private versionSum = 0;
  private syncing: Promise<void> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  /** Brings the index up to date with the database (one sync at a time). */
  async sync(): Promise<this> {
    while (this.syncing) await this.syncing;
    this.syncing = this.pull().finally(() => (this.syncing = null));
    await this.syncing;
    return this;
  }

  private async pull(): Promise<void> {
    const changed = await this.fingerprintChanged();
    if (!changed) return;
    // Fast path: rows touched since the last look (a margin covers transactions that committed late).
    let q = this.db.selectFrom('dossier').select(COLUMNS);
    if (this.watermark) q = q.where('updated_at', '>=', new Date(this.watermark.getTime() - 60_000));
    this.apply(await q.execute());
    if (!(await this.fingerprintChanged())) return;
    // Some change kept an old `updated_at` (imports stamp the time received): compare every version.
    const versions = await this.db.selectFrom('dossier').select(['id', 'version']).execute();
    const stale = versions.filter((r) => this.versions.get(r.id) !== r.version).map((r) => r.id);
    for (let i = 0; i < stale.length; i += 1000) {
      this.apply(await this.db.selectFrom('dossier').select(COLUMNS).where('id', 'in', stale.slice(i, i + 1000)).execute());
    }
  }

  /** Count and version sum of all dossiers: every insert and update (versions grow) changes it. */
  private async fingerprintChanged(): Promise<boolean> {
    const row = await this.db
      .selectFrom('dossier')
      .select([sql<string>`count(*)::text`.as('n'), sql<string>`coalesce(sum(version), 0)::text`.as('v')])
      .executeTakeFirstOrThrow();
    return Number(row.n) !== this.versions.size || Number(row.v) !== this.versionSum;
  }

  private apply(rows: Array<Pick<DossierRow, (typeof COLUMNS)[number]>>): void {
    for (const row of rows) {
      if (!this.watermark || row.updated_at > this.watermark) this.watermark = row.updated_at;
      const known = this.versions.get(row.id);
      if (known === row.version) continue;
      this.versionSum += row.version - (known ?? 0);
      this.versions.set(row.id, row.version);
      if (row.status === 'open') {
        const record = dossierRecord(row);
        this.records.set(row.id, record);
        this.index.update(record);
      } else {
        this.records.delete(row.id);
        this.index.remove(row.id);
      }
    }
  }
}

const indexes = new WeakMap<Kysely<DB>, DossierIndex>();

/** The index for this database handle (one per process and database). */
export function dossierIndex(db: Kysely<DB>): DossierIndex {
  let ix = indexes.get(db);
  if (!ix) {
    ix = new DossierIndex(db);
    indexes.set(db, ix);
  }
  return ix;
}
