import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Core, Customer, CustomerFacts, CustomerWithIdentities, Team } from '@guanxi/core';
import { Command } from 'commander';
import { positiveInt, resolveTeam } from './cli-options';
import { withCore } from './with-core';

const PAGE = 200;

export interface ExportedCustomer extends CustomerWithIdentities {
  readonly facts: CustomerFacts | null;
}

export function exportCommand(): Command {
  return new Command('export')
    .description("write a team's customers, with identities and facts, as JSON to stdout")
    .requiredOption('--team <id>', 'team id or slug')
    .option(
      '--customer <id>',
      'only this customer, as for a request to see their data',
      positiveInt,
    )
    .action((options: { team: string; customer?: number }) =>
      withCore(async (core) => {
        const team = await resolveTeam(core, options.team);
        await exportCustomers(core, team, process.stdout, options.customer);
      }),
    );
}

/**
 * Streams `{ team, exportedAt, customers: [...] }` page by page, so a large book never
 * sits in memory whole.
 */
export async function exportCustomers(
  core: Core,
  team: Team,
  out: Writable,
  customerId?: number,
): Promise<void> {
  const header = {
    team: { id: team.id, slug: team.slug, name: team.name },
    exportedAt: core.clock.now().toISOString(),
  };
  await write(out, `${JSON.stringify(header).slice(0, -1)},"customers":[`);
  let first = true;
  for await (const customer of customersOf(core, team.id, customerId)) {
    await write(out, `${first ? '\n' : ',\n'}${JSON.stringify(customer)}`);
    first = false;
  }
  await write(out, '\n]}\n');
}

async function* customersOf(
  core: Core,
  teamId: number,
  customerId: number | undefined,
): AsyncGenerator<ExportedCustomer> {
  if (customerId !== undefined) {
    yield* withDetails(core, teamId, [await core.customers.get(teamId, customerId)]);
    return;
  }
  let after: number | undefined;
  do {
    const page = await core.customers.list(teamId, {
      limit: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    yield* withDetails(core, teamId, page.items);
    after = page.next ?? undefined;
  } while (after !== undefined);
}

async function* withDetails(
  core: Core,
  teamId: number,
  customers: readonly Customer[],
): AsyncGenerator<ExportedCustomer> {
  const facts = new Map(
    (
      await core.facts.many(
        teamId,
        customers.map((customer) => customer.id),
      )
    ).map((f) => [f.customerId, f]),
  );
  for (const customer of customers) {
    const { identities } = await core.customers.get(teamId, customer.id);
    yield { ...customer, identities, facts: facts.get(customer.id) ?? null };
  }
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
