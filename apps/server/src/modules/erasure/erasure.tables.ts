// Placeholder: the tables of this module, filled in before it lands.
export type ErasureTables = Record<never, never>;
