import type { Command } from 'commander';
import { systemActor } from '@homeward/server';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { promptHidden } from './prompt.ts';
import { withRuntime } from './runtime.ts';

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export function registerUserCommands(program: Command) {
  const party = program.command('party').description('Parties taking part');
  party
    .command('create')
    .requiredOption('--code <CODE>', 'short code, e.g. UA-NIB')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--kind <kind>', 'home-country-authority | holding-country-authority | mediator | humanitarian-organisation')
    .action(async (o: { code: string; name: string; kind: string }) => {
      const p = await withRuntime((rt) => createParty(rt.database.db, systemActor(), o));
      console.log(`Party ${p.code} created (id ${p.id}).`);
    });

  const user = program.command('user').description('User accounts');
  user
    .command('create')
    .description('Create a user; the password comes from HOMEWARD_PASSWORD or a prompt')
    .requiredOption('--email <email>')
    .requiredOption('--party <CODE>', 'the code of the party the user belongs to')
    .requiredOption('--role <role>', 'a role (repeat or comma-separate for several)', collect, [])
    .option('--name <display name>')
    .action(async (o: { email: string; party: string; role: string[]; name?: string }) => {
      const password = process.env.HOMEWARD_PASSWORD ?? (await promptHidden('Password (12 characters or more): '));
      const u = await withRuntime((rt) =>
        createUser(rt.database.db, systemActor(), { email: o.email, partyCode: o.party, roles: o.role, password, displayName: o.name }),
      );
      console.log(`User ${u.email} created in party ${u.party.code} with roles ${u.roles.join(', ')} (id ${u.id}).`);
    });
}
