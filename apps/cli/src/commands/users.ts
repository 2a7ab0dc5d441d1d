import type { Command } from 'commander';
import { AppError, systemActor, type Runtime } from '@homeward/server';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { createUser, listUsers, revokeRoles, setUserStatus } from '@homeward/server/modules/users/users.service.ts';
import { grantRoles, resetTwoFactor } from '@homeward/server/modules/users/users.approvals.ts';
import { findUserByEmail } from '@homeward/server/modules/users/users.repository.ts';
import { requirePartyByCode } from '@homeward/server/modules/parties/parties.service.ts';
import { enrolDirectly, needsTwoFactor } from '@homeward/server/modules/auth/two-factor.service.ts';
import { deriveSecret } from '@homeward/server/runtime.ts';
import { roles as allRoles, userListQuery, userStatuses, type Role, type UserView } from '@homeward/contracts';
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
  registerUserAdminCommands(user);
}

/**
 * The operator's user administration on the server's own machine. It acts as the system, so the
 * two-person rule does not apply (as for `user create`): whoever can run it can already do anything.
 */
function registerUserAdminCommands(user: Command) {
  user
    .command('list')
    .description('List accounts, newest first (one party, or all)')
    .option('--party <CODE>', 'only the accounts of this party')
    .option('--role <role>', `only accounts with this role (${allRoles.join(', ')})`)
    .option('--status <status>', `only accounts in this status (${userStatuses.join(', ')})`)
    .option('--limit <n>', 'at most this many (1-200)', '200')
    .action(async (o: { party?: string; role?: string; status?: string; limit: string }) => {
      const query = parseQuery({ role: o.role, status: o.status, limit: o.limit });
      const page = await withRuntime(async (rt) => {
        const partyId = o.party ? (await requirePartyByCode(rt.database.db, o.party)).id : null;
        return listUsers(deps(rt), systemActor(partyId), query);
      });
      if (page.items.length === 0) console.log('No account.');
      for (const u of page.items) console.log(line(u));
      if (page.nextCursor) console.log(`(more: narrow with --party, --role or --status)`);
    });
  user
    .command('grant')
    .description('Grant roles to an account (the user signs in again to use them)')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', 'a role (repeat or comma-separate for several)', collect, [])
    .option('--reason <text>')
    .action(async (o: { email: string; role: string[]; reason?: string }) => {
      const roles = parseRoles(o.role);
      const r = await onAccount(o.email, (rt, actor, id) => grantRoles(deps(rt), actor, id, { roles, reason: o.reason }));
      console.log(`Granted. ${line(r.user)}`);
    });
  user
    .command('revoke')
    .description('Revoke roles from an account, at once')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', 'a role (repeat or comma-separate for several)', collect, [])
    .option('--reason <text>')
    .action(async (o: { email: string; role: string[]; reason?: string }) => {
      const roles = parseRoles(o.role);
      const u = await onAccount(o.email, (rt, actor, id) => revokeRoles(deps(rt), actor, id, { roles, reason: o.reason }));
      console.log(`Revoked. ${line(u)}`);
    });
  for (const [name, to, text] of [
    ['disable', 'disabled', 'Disable an account at once: its sessions and API tokens end'],
    ['enable', 'active', 'Enable a disabled account'],
  ] as const) {
    user
      .command(name)
      .description(text)
      .requiredOption('--email <email>')
      .option('--reason <text>')
      .action(async (o: { email: string; reason?: string }) => {
        const u = await onAccount(o.email, (rt, actor, id) => setUserStatus(deps(rt), actor, id, to, o.reason ?? null));
        console.log(`${name === 'disable' ? 'Disabled' : 'Enabled'}. ${line(u)}`);
      });
  }
  user
    .command('reset-2fa')
    .description("Reset an account's second factor and end its sessions: the user enrols again at the next sign-in")
    .requiredOption('--email <email>')
    .option('--reason <text>')
    .action(async (o: { email: string; reason?: string }) => {
      const r = await onAccount(o.email, (rt, actor, id) => resetTwoFactor(deps(rt), actor, id, { reason: o.reason }));
      console.log(`Two-factor authentication reset; the user enrols again at the next sign-in. ${line(r.user)}`);
    });
}

const deps = (rt: Runtime) => ({ db: rt.database.db, clock: rt.clock });

/** Runs `fn` on the account with this e-mail, acting as the system for the account's party. */
async function onAccount<T>(email: string, fn: (rt: Runtime, actor: ReturnType<typeof systemActor>, id: string) => Promise<T>): Promise<T> {
  return withRuntime(async (rt) => {
    const u = await findUserByEmail(rt.database.db, email.trim());
    if (!u) throw new AppError('USER_NOT_FOUND', 'No user with that e-mail.');
    return fn(rt, systemActor(u.party_id), u.id);
  });
}

function parseRoles(list: string[]): Role[] {
  const unknown = list.filter((r) => !(allRoles as readonly string[]).includes(r));
  if (list.length === 0 || unknown.length) {
    throw new AppError('VALIDATION_FAILED', 'Unknown roles.', { issues: [{ path: 'role', message: `must be one or more of ${allRoles.join(', ')}` }] });
  }
  return list as Role[];
}

function parseQuery(raw: Record<string, string | undefined>) {
  const r = userListQuery.safeParse(raw);
  if (!r.success) {
    throw new AppError('VALIDATION_FAILED', 'The filters are not valid.', { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return r.data;
}

const line = (u: UserView) =>
  `${u.email}  ${u.status}  2FA ${u.twoFactor}  roles: ${u.roles.join(', ') || '(none)'}${u.pending.length ? `  (${u.pending.length} waiting for a second administrator)` : ''}  id ${u.id}`;
