import {
  type CardPanel,
  type CustomerCard,
  type CustomerInput,
  type Dialect,
  definePlugin,
  type Locale,
} from '@guanxi/core';
import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { createTestCore, type TestCore } from '@guanxi/testing';
import type { DevelopmentSlot } from './card-slots';
import type { OpportunityEvent } from './events';
import plugin from './index';
import type { DevelopmentContext } from './tables';

/** Where every test's clock starts. */
export const NOW = '2024-06-01T00:00:00.000Z';

/** Every opportunity event the listener plugin heard, by hook, in order. */
export const heard: { hook: string; items: OpportunityEvent[] }[] = [];

/** Another plugin subscribing to the opportunity events. */
const listener = definePlugin({
  id: 'listener',
  version: '1.0.0',
  hooks: {
    'opportunity:stageChanged': (event) => {
      heard.push({ hook: event.hook, items: [...event.items] });
    },
    'opportunity:won': (event) => {
      heard.push({ hook: event.hook, items: [...event.items] });
    },
    'opportunity:lost': (event) => {
      heard.push({ hook: event.hook, items: [...event.items] });
    },
  },
});

type Step = (ctx: DevelopmentContext) => Promise<unknown>;
let step: Step | undefined;

/** Runs `fn` with the plugin's context for a team of the core, in a transaction of its own. */
export async function runStep<T>(
  core: TestCore['core'],
  teamId: number,
  fn: (ctx: DevelopmentContext) => Promise<T>,
): Promise<T> {
  step = fn;
  const result = await core.jobs.run('development:step', { teamId });
  return result.value as T;
}

/**
 * The plugin with one more job that runs the step a test hands it: the way to get the
 * context the core builds for the plugin (config, team zone, a transaction, `emit`, the
 * services it uses), as its routes get it, to test the functions apart from HTTP.
 */
export const testable = definePlugin({
  ...plugin,
  jobs: {
    ...plugin.jobs,
    step: {
      description: 'Runs a test step with the plugin’s context',
      run: async (ctx) => ({ value: await (step as Step)(ctx) }),
    },
  },
});

export interface Card {
  readonly card: CustomerCard;
  readonly panel: CardPanel;
  readonly slot: DevelopmentSlot;
  /** A panel item's value by its label. */
  item(label: string): string | undefined;
}

export interface Kit {
  readonly t: TestCore;
  readonly teamId: number;
  /** A rep of the team, `user:<id>` as actor. */
  readonly rep: { readonly id: number; readonly actor: string };
  /** Another rep. */
  readonly otherRep: { readonly id: number; readonly actor: string };
  /** Runs `fn` with the plugin's context for the team (or another) in a transaction of its own. */
  run<T>(fn: (ctx: DevelopmentContext) => Promise<T>, teamId?: number): Promise<T>;
  configure(config: unknown): Promise<void>;
  /** A company in the team. */
  customer(name: string, input?: Partial<CustomerInput>): Promise<number>;
  /** The customer's card in the locale, with this plugin's panel and slot. */
  card(customerId: number, locale?: Locale): Promise<Card>;
}

export async function openKit(
  dialect: Dialect,
  { locale = 'en' }: { readonly locale?: Locale } = {},
): Promise<Kit> {
  heard.length = 0;
  const t = await createTestCore({
    dialect,
    // Installed because the plugin depends on them; off for the team unless a test turns them on.
    plugins: [scoring, tiering, testable, listener],
    now: NOW,
    hookTimeoutMs: 10_000,
  });
  const teamId = (
    await t.core.teams.create({
      name: 'North',
      slug: 'north',
      locale,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
    })
  ).id;
  await t.core.plugins.enable(teamId, 'development', 'admin');
  await t.core.plugins.enable(teamId, 'listener', 'admin');
  const member = async (email: string, name: string) => {
    const user = await t.core.users.create({ email, name });
    await t.core.users.setRole(teamId, user.id, 'rep');
    return { id: user.id, actor: `user:${user.id}` };
  };
  const rep = await member('li@example.com', 'Li Lei');
  const otherRep = await member('han@example.com', 'Han Meimei');
  return {
    t,
    teamId,
    rep,
    otherRep,
    run: (fn, forTeam = teamId) => runStep(t.core, forTeam, fn),
    async configure(config) {
      await t.core.plugins.configure(teamId, 'development', config, 'admin');
    },
    async customer(name, input = {}) {
      return (await t.core.customers.create(teamId, { kind: 'company', name, ...input })).id;
    },
    async card(customerId, cardLocale = 'en') {
      const found = await t.core.context.card(teamId, { customerId }, cardLocale);
      const panel = found?.card.panels.find((p) => p.plugin === 'development');
      const slot = found?.card.slots.development;
      if (found === undefined || panel === undefined || slot === undefined) {
        throw new Error('no development panel on the card');
      }
      const item = (label: string) => panel.items.find((i) => i.label === label)?.value;
      return { card: found.card, panel, slot, item };
    },
  };
}
