// Row types of the media module's tables (photos and documents); filled in with the migration
// that creates them.
export type MediaTables = Record<never, never>;
