import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Row types of the notification tables; migrations/0010-notifications.ts is the truth.
type Json<T> = ColumnType<T, string | undefined, string>;

export type NotificationDetails = Record<string, string | number | boolean | null>;

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  party_id: string;
  kind: string;
  subject_type: string;
  subject_id: string | null;
  /** Ids, counts and dates only: never names, addresses or contacts. */
  details: Json<NotificationDetails>;
  dedupe_key: string;
  created_at: Date;
  read_at: Date | null;
}

export interface WebhookSubscriptionTable {
  id: string;
  party_id: string;
  url: string;
  /** `seal()`ed with the webhook sub-key, bound to the row id; never leaves the server. */
  secret_sealed: string;
  /** null: every kind. */
  kinds: string[] | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  secret_rotated_at: Date | null;
  deleted_at: Date | null;
}

export type DeliveryChannel = 'webhook' | 'email';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'dead';

export interface NotificationDeliveryTable {
  id: Generated<string>;
  channel: DeliveryChannel;
  subscription_id: string | null;
  user_id: string | null;
  dedupe_key: string;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  lease_until: Date | null;
  /** A short code (`HTTP_500`, `TIMEOUT`…), never a response body. */
  last_error_code: string | null;
  last_http_status: number | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface NotificationTables {
  notification: NotificationTable;
  webhook_subscription: WebhookSubscriptionTable;
  notification_delivery: NotificationDeliveryTable;
}

export type NotificationRow = Selectable<NotificationTable>;
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionTable>;
export type NotificationDeliveryRow = Selectable<NotificationDeliveryTable>;
export type NewNotificationDeliveryRow = Insertable<NotificationDeliveryTable>;
