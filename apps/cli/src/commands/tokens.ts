import type { Command } from 'commander';
import { AppError, systemActor } from '@homeward/server';
import { createToken, revokeToken } from '@homeward/server/modules/auth/tokens.service.ts';
import { findUserByEmail } from '@homeward/server/modules/users/users.repository.ts';
import { withRuntime } from './runtime.ts';

const list = (v: string, prev: string[]) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export function registerTokenCommands(program: Command) {
  const token = program.command('token').description('API tokens for machine-to-machine exchange');
  token
    .command('create')
    .description('Create a scoped API token for a user; the token is printed once')
    .requiredOption('--email <email>', 'the user the token acts for')
    .requiredOption('--name <name>', 'what the token is for')
    .requiredOption('--permission <p>', 'a permission (repeat or comma-separate)', list, [])
    .option('--days <n>', 'days until it expires (1-365)', '90')
    .action(async (o: { email: string; name: string; permission: string[]; days: string }) => {
      const t = await withRuntime(async (rt) => {
        const user = await findUserByEmail(rt.database.db, o.email);
        if (!user) throw new AppError('USER_NOT_FOUND', 'No user with that e-mail.');
        return createToken(rt.database.db, rt.clock, systemActor(user.party_id), { userId: user.id, name: o.name, permissions: o.permission, expiresInDays: Number(o.days) });
      });
      console.log(`Token ${t.id} created, valid until ${t.expiresAt}. Use it as "Authorization: Bearer <token>"; it is shown only now:`);
      console.log(t.token);
    });
  token
    .command('revoke')
    .argument('<id>', 'the token id (the part after hwt_ and before the next _)')
    .action(async (id: string) => {
      await withRuntime((rt) => revokeToken(rt.database.db, rt.clock, systemActor(), id));
      console.log(`Token ${id} revoked.`);
    });
}
