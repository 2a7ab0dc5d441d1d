import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-transparency.ts';
import * as m0003 from './migrations/0003-media.ts';
import * as m0004 from './migrations/0004-auth.ts';
import * as m0005 from './migrations/0005-matching.ts';
import * as m0006 from './migrations/0006-cases.ts';
import * as m0007 from './migrations/0007-contact.ts';
import * as m0008 from './migrations/0008-reunification.ts';
import * as m0009 from './migrations/0009-age-out.ts';
import * as m0010 from './migrations/0010-notifications.ts';
import * as m0011 from './migrations/0011-matching-runs.ts';
import * as m0012 from './migrations/0012-dossier-merge.ts';
import * as m0013 from './migrations/0013-attestation-subjects.ts';
import * as m0014 from './migrations/0014-exchange.ts';
import * as m0015 from './migrations/0015-reports.ts';
import * as m0016 from './migrations/0016-security.ts';
import * as m0017 from './migrations/0017-consent.ts';
import * as m0018 from './migrations/0018-change-seq.ts';
import * as m0019 from './migrations/0019-sharing.ts';
import * as m0020 from './migrations/0020-approvals.ts';
import * as m0022 from './migrations/0022-retention.ts';
import * as m0023 from './migrations/0023-case-media.ts';
import * as m0024 from './migrations/0024-user-admin.ts';
import * as m0025 from './migrations/0025-erasure.ts';
import * as m0026 from './migrations/0026-exports.ts';

// Static list (not a folder scan) so the same migrations run from source, bundles and tests.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-transparency': m0002,
  '0003-media': m0003,
  '0004-auth': m0004,
  '0005-matching': m0005,
  '0006-cases': m0006,
  '0007-contact': m0007,
  '0008-reunification': m0008,
  '0009-age-out': m0009,
  '0010-notifications': m0010,
  '0011-matching-runs': m0011,
  '0012-dossier-merge': m0012,
  '0013-attestation-subjects': m0013,
  '0014-exchange': m0014,
  '0015-reports': m0015,
  '0016-security': m0016,
  '0017-consent': m0017,
  '0018-change-seq': m0018,
  '0019-sharing': m0019,
  '0020-approvals': m0020,
  '0022-retention': m0022,
  '0023-case-media': m0023,
  '0024-user-admin': m0024,
  '0025-erasure': m0025,
  '0026-exports': m0026,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest version; safe to call at every start-up. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
