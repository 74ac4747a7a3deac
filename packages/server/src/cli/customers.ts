import { Command } from 'commander';
import { positiveInt, resolveTeam } from './cli-options';
import { printJson } from './print';
import { withCore } from './with-core';

const ACTOR = 'cli';

/** `guanxi customers export|erase`: a customer's data, to hand over or to forget. */
export function customersCommand(): Command {
  const customers = new Command('customers').description("one customer's stored data");
  customers
    .command('export')
    .description("print everything stored about a customer, plugins' data included, as JSON")
    .argument('<customerId>', 'customer id', positiveInt)
    .requiredOption('--team <id>', 'team id or slug')
    .option('--actor <who>', 'who asks, for the audit log', ACTOR)
    .action((customerId: number, options: { team: string; actor: string }) =>
      withCore(async (core) => {
        const team = await resolveTeam(core, options.team);
        printJson(await core.privacy.export(team.id, customerId, { actor: options.actor }));
      }),
    );
  customers
    .command('erase')
    .description(
      "erase a customer's personal data, keeping orders and other figures; cannot be undone",
    )
    .argument('<customerId>', 'customer id', positiveInt)
    .requiredOption('--team <id>', 'team id or slug')
    .option('--actor <who>', 'who erases, for the audit log', ACTOR)
    .option('--yes', 'confirm: the erased data cannot be brought back')
    .action((customerId: number, options: { team: string; actor: string; yes?: boolean }) => {
      if (options.yes !== true) {
        throw new Error('erasure cannot be undone; add --yes to go ahead');
      }
      return withCore(async (core) => {
        const team = await resolveTeam(core, options.team);
        printJson(await core.privacy.erase(team.id, customerId, options.actor));
      });
    });
  return customers;
}
