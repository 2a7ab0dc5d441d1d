import type { ColumnType, Generated, Selectable } from 'kysely';

// Row types of the security tables; migrations/0016-security.ts is the truth.
type Json<T> = ColumnType<T, string | undefined, string>;

export interface SecurityAlertTable {
  id: Generated<string>;
  party_id: string;
  /** The account the alert is about. */
  user_id: string;
  kind: 'bulk-read' | 'second-factor-failures' | 'new-device';
  window_start: Date;
  /** Counts and ids only. */
  details: Json<Record<string, string | number | boolean>>;
  action: 'alerted' | 'sessions-ended';
  created_at: Date;
}

export interface LoginDeviceTable {
  user_id: string;
  /** HMAC of browser and network: no address is kept. */
  device_hash: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

export interface SecurityTables {
  security_alert: SecurityAlertTable;
  login_device: LoginDeviceTable;
}

export type SecurityAlertRow = Selectable<SecurityAlertTable>;
