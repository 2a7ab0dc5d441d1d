// Row types of this module's tables; its migration is the truth.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- placeholder until the module's tables exist
export interface AgeOutTables {}
