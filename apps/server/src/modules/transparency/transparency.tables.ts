// Row types of the transparency module's tables (party keys, attestations, log entries,
// checkpoints); filled in with the migration that creates them.
export type TransparencyTables = Record<never, never>;
