import type { ColumnType, Generated, Selectable } from 'kysely';

// Row types of the media tables; migrations/0003-media.ts is the truth.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type MediaSubjectType = 'dossier' | 'tracing_request' | 'case';
export type MediaKind = 'photo' | 'document';
export type MediaStatus = 'pending' | 'ready' | 'deleted';
export type MediaSupplier = 'family' | 'institution' | 'authority' | 'child' | 'other';
export type MediaVariantName = 'original' | 'medium' | 'thumbnail';

export interface MediaFileTable {
  id: Generated<string>;
  subject_type: MediaSubjectType;
  subject_id: string;
  kind: MediaKind;
  status: MediaStatus;
  source_type: string;
  source_hash: string;
  content_hash: string;
  /** 'YYYY-MM-DD' (dates are read as strings, see db/database.ts). */
  taken_on: string | null;
  /** The EXIF capture date-time as found, kept apart from the editable `taken_on`. */
  captured_at: string | null;
  supplied_by: MediaSupplier | null;
  party_id: string;
  uploaded_by: string | null;
  position: number | null;
  is_primary: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface MediaBlobTable {
  id: string;
  media_id: string;
  variant: MediaVariantName;
  mime: string;
  width: number | null;
  height: number | null;
  size: number;
  sha256: string;
  /** Null only while the file is pending: set in the transaction that makes it ready. */
  wrapped_key: string | null;
  key_id: string | null;
}

export interface MediaTables {
  media_file: MediaFileTable;
  media_blob: MediaBlobTable;
}

export type MediaFileRow = Selectable<MediaFileTable>;
export type MediaBlobRow = Selectable<MediaBlobTable>;
