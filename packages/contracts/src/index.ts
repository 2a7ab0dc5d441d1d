export * from './common.ts';
export * from './person.ts';
export * from './dossiers.ts';
export * from './requests.ts';
export * from './auth.ts';
export * from './transparency.ts';
