import type { Command } from 'commander';
import { systemActor } from '@homeward/server';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { enrolDirectly, needsTwoFactor } from '@homeward/server/modules/auth/two-factor.service.ts';
import { deriveSecret } from '@homeward/server/runtime.ts';
import type { Role } from '@homeward/contracts';
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
    .option('--no-2fa', 'do not enrol two-factor now (the user then enrols at first login, if the party requires it)')
    .action(async (o: { email: string; party: string; role: string[]; name?: string; '2fa': boolean }) => {
      const password = process.env.HOMEWARD_PASSWORD ?? (await promptHidden('Password (12 characters or more): '));
      await withRuntime(async (rt) => {
        const db = rt.database.db;
        const u = await createUser(db, systemActor(), { email: o.email, partyCode: o.party, roles: o.role, password, displayName: o.name });
        console.log(`User ${u.email} created in party ${u.party.code} with roles ${u.roles.join(', ')} (id ${u.id}).`);
        if (!o['2fa'] || !needsTwoFactor(u.roles as Role[], u.party.require_two_factor)) return;
        const secret = deriveSecret(rt.config.secrets.masterKey, 'server');
        const e = await enrolDirectly(db, rt.clock, secret, systemActor(u.party.id), u.id, u.email);
        console.log('Two-factor authentication is set up. Hand these to the user over a trusted channel, once:');
        console.log(`  authenticator secret: ${e.secret}`);
        console.log(`  set-up link (for a QR code): ${e.otpauthUri}`);
        console.log(`  recovery codes: ${e.recoveryCodes.join(' ')}`);
      });
    });
}
