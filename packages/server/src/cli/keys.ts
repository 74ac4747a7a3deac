import { notFound } from '@guanxi/core';
import { Command } from 'commander';
import { withCore } from './with-core';

export function keysCommand(): Command {
  const keys = new Command('keys').description('API keys');
  keys
    .command('create')
    .description('create an API key for a user; the key is printed once and stored only hashed')
    .requiredOption('--user <email>', "the user's e-mail")
    .requiredOption('--name <name>', 'what the key is for, such as "laptop"')
    .action((options: { user: string; name: string }) =>
      withCore(async (core) => {
        const user = await core.users.findByEmail(options.user);
        if (user === undefined) throw notFound('user', 'user', options.user);
        const created = await core.apiKeys.create(user.id, options.name);
        process.stderr.write(`key ${created.prefix}… for ${user.email}; it is shown this once:\n`);
        process.stdout.write(`${created.key}\n`);
      }),
    );
  return keys;
}
