import type { Role } from '@guanxi/core';
import { Command } from 'commander';
import { resolveTeam } from './cli-options';
import { printJson } from './print';
import { withCore } from './with-core';

export function usersCommand(): Command {
  const users = new Command('users').description('people who use Guanxi');
  users
    .command('create')
    .description('create a user, optionally as a member of a team; then `keys create` for a key')
    .requiredOption('--email <email>', 'their e-mail, which names them in other commands')
    .requiredOption('--name <name>', 'display name')
    .option('--team <id>', 'team id or slug to add them to')
    .option('--role <role>', 'admin, manager or rep (with --team)', 'rep')
    .action((options: { email: string; name: string; team?: string; role: string }) =>
      withCore(async (core) => {
        const team = options.team === undefined ? undefined : await resolveTeam(core, options.team);
        const created = await core.transaction(async (api) => {
          const user = await api.users.create({ email: options.email, name: options.name });
          const role = options.role as Role;
          const membership =
            team === undefined ? null : await api.users.setRole(team.id, user.id, role);
          return { ...user, membership };
        });
        printJson(created);
      }),
    );
  return users;
}
