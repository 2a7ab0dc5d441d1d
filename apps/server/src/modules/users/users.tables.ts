// Placeholder: the tables of this module, filled in before it lands.
export type UserAdminTables = Record<never, never>;
