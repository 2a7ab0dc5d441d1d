import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AgeOutTables } from '../modules/age-out/age-out.tables.ts';
import type { ApprovalTables } from '../modules/approvals/approvals.tables.ts';
import type { CaseTables } from '../modules/cases/cases.tables.ts';
import type { ConsentTables } from '../modules/consent/consent.tables.ts';
import type { ContactTables } from '../modules/contact/contact.tables.ts';
import type { DossierMergeTables } from '../modules/dossiers/dossier-merge.tables.ts';
import type { ExchangeTables } from '../modules/exchange/exchange.tables.ts';
import type { MatchingTables } from '../modules/matching/matching.tables.ts';
import type { MediaTables } from '../modules/media/media.tables.ts';
import type { NotificationTables } from '../modules/notifications/notifications.tables.ts';
import type { ReunificationTables } from '../modules/reunification/reunification.tables.ts';
import type { RetentionTables } from '../modules/retention/retention.tables.ts';
import type { SecurityTables } from '../modules/security/security.tables.ts';
import type { SharingTables } from '../modules/sharing/sharing.tables.ts';
import type { ErasureTables } from '../modules/erasure/erasure.tables.ts';
import type { ExportTables } from '../modules/exports/exports.tables.ts';
import type { UserAdminTables } from '../modules/users/users.tables.ts';
import type { TransparencyTables } from '../modules/transparency/transparency.tables.ts';

// Row types mirror the migrations (the migrations are the truth). They are written by hand for
// now; generating them (kysely-codegen) and checking for drift in CI is still to do.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface PartyTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  require_two_factor: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<string>;
  party_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  status: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  two_factor_done: Generated<boolean>;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  permissions: string[];
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface DossierTable {
  id: Generated<string>;
  party_id: string;
  status: string;
  names: Json<unknown>;
  name_search: string;
  sex: string;
  birth_date: string | null;
  birth_date_precision: string;
  birth_year: number | null;
  birth_place: string | null;
  displacement: Json<unknown>;
  current_region: string | null;
  current_placement: string;
  current_address: string | null;
  biography: string | null;
  languages: string[];
  services: Json<unknown>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Next number of a per-table sequence on every insert and update (matching reads changes by it). */
  change_seq: Generated<number>;
}

export interface SourceRecordTable {
  id: Generated<string>;
  subject_type: 'dossier' | 'tracing_request';
  subject_id: string;
  party_id: string;
  source_id: string;
  received_at: Generated<Date>;
  payload: Json<unknown>;
}

export interface TracingRequestTable {
  id: Generated<string>;
  party_id: string;
  status: string;
  names: Json<unknown>;
  name_search: string;
  sex: string;
  birth_date: string | null;
  birth_date_precision: string;
  birth_year: number | null;
  birth_place: string | null;
  displacement: Json<unknown>;
  last_known_place: string | null;
  requester: Json<unknown>;
  filed_on: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  change_seq: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_party_id: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  fields: ColumnType<string[], string[] | undefined, never>;
  reason: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
}

export interface DB
  extends TransparencyTables,
    MediaTables,
    MatchingTables,
    CaseTables,
    ContactTables,
    ReunificationTables,
    AgeOutTables,
    NotificationTables,
    SecurityTables,
    DossierMergeTables,
    ExchangeTables,
    ConsentTables,
    ApprovalTables,
    RetentionTables,
    SharingTables,
    UserAdminTables,
    ErasureTables,
    ExportTables {
  party: PartyTable;
  app_user: AppUserTable;
  session: SessionTable;
  recovery_code: RecoveryCodeTable;
  api_token: ApiTokenTable;
  dossier: DossierTable;
  source_record: SourceRecordTable;
  tracing_request: TracingRequestTable;
  audit_log: AuditLogTable;
}

export type Party = Selectable<PartyTable>;
export type AppUser = Selectable<AppUserTable>;
export type DossierRow = Selectable<DossierTable>;
export type NewDossierRow = Insertable<DossierTable>;
export type DossierUpdate = Updateable<DossierTable>;
export type TracingRequestRow = Selectable<TracingRequestTable>;
export type NewTracingRequestRow = Insertable<TracingRequestTable>;
