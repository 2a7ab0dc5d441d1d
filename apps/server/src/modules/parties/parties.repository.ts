import type { Executor } from '../audit/audit.repository.ts';

export async function findPartyByCode(db: Executor, code: string) {
  return db.selectFrom('party').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findPartyById(db: Executor, id: string) {
  return db.selectFrom('party').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listParties(db: Executor) {
  return db.selectFrom('party').selectAll().orderBy('code').execute();
}

export async function insertParty(db: Executor, p: { code: string; name: string; kind: string }) {
  return db.insertInto('party').values(p).returningAll().executeTakeFirstOrThrow();
}
