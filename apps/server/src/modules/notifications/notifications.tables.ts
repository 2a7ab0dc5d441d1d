import type { ColumnType, Generated, Selectable } from 'kysely';

// Row types of the notification tables; migrations/0010-notifications.ts is the truth.
type Json<T> = ColumnType<T, string | undefined, string>;

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  party_id: string;
  kind: string;
  subject_type: string;
  subject_id: string | null;
  /** Ids, counts and dates only: never names, addresses or contacts. */
  details: Json<Record<string, string | number | boolean | null>>;
  dedupe_key: string;
  created_at: Date;
  read_at: Date | null;
}

export interface NotificationTables {
  notification: NotificationTable;
}

export type NotificationRow = Selectable<NotificationTable>;
