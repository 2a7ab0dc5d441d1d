import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ExportFileFormat, ExportKind } from '@homeward/contracts';

// Row types of the exports table; migrations/0026-exports.ts is the truth.
type Json<T> = ColumnType<T, string, string>;

export interface DataExportTable {
  id: string;
  user_id: string | null;
  party_id: string | null;
  kind: ExportKind;
  format: ExportFileFormat;
  filters: Json<Record<string, string>>;
  record_count: number;
  encryption: 'passphrase' | 'recipient';
  recipient: string | null;
  file_name: string;
  ciphertext: Buffer | null;
  ciphertext_sha256: string;
  size_bytes: number;
  note: string | null;
  created_at: Date;
  expires_at: Date;
  first_downloaded_at: Date | null;
  download_count: Generated<number>;
  deleted_at: Date | null;
}

export type ExportTables = {
  data_export: DataExportTable;
};

export type DataExportRow = Selectable<DataExportTable>;
