import {
  type Block,
  type Cell,
  type Field,
  type Locale,
  notFound,
  type PageDefinition,
  type PluginContext,
  pageAction,
  queryId,
  type Role,
  wallClockOf,
} from '@guanxi/core';
import { z } from 'zod';
import type { LoyaltyConfig } from '../config';
import { CATALOGUE_ROLES, createReward, listRewards, type Reward, updateReward } from '../rewards';
import { CONSOLE_PHRASES } from './labels';
import { type CatalogueRow, catalogue, redemptionsSince } from './programme';

type Ctx = PluginContext<LoyaltyConfig>;

const DAY_MS = 86_400_000;

const rewardId = z.coerce
  .number({ error: 'must be a reward id' })
  .int('must be a reward id')
  .positive('must be a reward id');

/** A reward's fields as a form sends them: text, to numbers; an empty stock is no limit. */
const rewardForm = z.strictObject({
  name: z.string({ error: 'must not be empty' }),
  cost: z.coerce
    .number({ error: 'must be a whole number of points' })
    .int('must be a whole number of points'),
  stock: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .optional(),
});

const keeps = (role: Role) => CATALOGUE_ROLES.includes(role);

function rewardFields(locale: Locale, reward?: Reward): Field[] {
  const phrases = CONSOLE_PHRASES[locale];
  return [
    { type: 'text', name: 'name', label: phrases.name, required: true, value: reward?.name ?? '' },
    {
      type: 'number',
      name: 'cost',
      label: phrases.cost,
      required: true,
      value: reward === undefined ? '' : String(reward.cost),
    },
    {
      type: 'number',
      name: 'stock',
      label: phrases.stock,
      hint: phrases.stockHint,
      value: reward?.stock === null || reward === undefined ? '' : String(reward.stock),
    },
  ];
}

/** A row's button: retire an active reward, offer a retired one again. */
function toggle(reward: CatalogueRow, locale: Locale): Cell {
  const phrases = CONSOLE_PHRASES[locale];
  return {
    action: reward.active ? 'retire' : 'restore',
    label: reward.active ? phrases.retire : phrases.restore,
    fields: { id: String(reward.id) },
  };
}

function catalogueTable(
  rows: readonly CatalogueRow[],
  ctx: Ctx,
  locale: Locale,
  role: Role,
): Block {
  const phrases = CONSOLE_PHRASES[locale];
  const keeper = keeps(role);
  return {
    kind: 'table',
    id: 'rewards',
    title: phrases.catalogue,
    caption: phrases.catalogueCaption,
    columns: [
      { key: 'name', label: phrases.name },
      { key: 'cost', label: phrases.cost, numeric: true },
      { key: 'stock', label: phrases.stock, numeric: true },
      { key: 'status', label: phrases.status },
      { key: 'redeemed', label: phrases.redeemed, numeric: true },
      { key: 'changed', label: phrases.changed },
      ...(keeper ? [{ key: 'toggle', label: '' }] : []),
    ],
    rows: rows.map((reward) => ({
      name: keeper
        ? { text: reward.name, link: { page: 'reward', query: { id: String(reward.id) } } }
        : reward.name,
      cost: reward.cost,
      stock: reward.stock ?? phrases.unlimited,
      status: reward.active ? phrases.active : phrases.retired,
      redeemed: reward.redeemed,
      changed: wallClockOf(reward.updatedAt, ctx.timeZone).replace('T', ' '),
      ...(keeper ? { toggle: toggle(reward, locale) } : {}),
    })),
    empty: phrases.noRewards,
  };
}

/** Turns a reward on or off for redemption, as the API's PATCH does. */
function switchAction(active: boolean, done: 'retire' | 'restore') {
  return pageAction({
    roles: CATALOGUE_ROLES,
    input: z.strictObject({ id: rewardId }),
    done: { en: CONSOLE_PHRASES.en.done[done], 'zh-CN': CONSOLE_PHRASES['zh-CN'].done[done] },
    async run(input, ctx: Ctx) {
      await updateReward(ctx, input.id, { active });
    },
  });
}

/**
 * The rewards catalogue: every reward with how often it was redeemed; managers and admins add
 * rewards, open one to change it, and retire or offer them again from the list.
 */
export const rewardsPage: PageDefinition<LoyaltyConfig> = {
  path: 'rewards',
  title: { en: CONSOLE_PHRASES.en.rewards, 'zh-CN': CONSOLE_PHRASES['zh-CN'].rewards },
  roles: ['rep', 'manager', 'admin'],
  async render({ locale, viewer }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const since = new Date(ctx.clock.now().getTime() - 30 * DAY_MS).toISOString();
    const [rows, recent] = await Promise.all([catalogue(ctx), redemptionsSince(ctx, since)]);
    const active = rows.filter((reward) => reward.active).length;
    return {
      blocks: [
        { kind: 'rule', text: phrases.rewardsRule },
        {
          kind: 'stats',
          items: [
            { label: phrases.active, value: active },
            { label: phrases.retired, value: rows.length - active },
            { label: phrases.redeemed30, value: recent },
          ],
        },
        catalogueTable(rows, ctx, locale, viewer.role),
        ...(keeps(viewer.role)
          ? [
              {
                kind: 'form' as const,
                action: 'create',
                title: phrases.create.title,
                caption: phrases.create.caption,
                fields: rewardFields(locale),
                submit: phrases.create.submit,
              },
            ]
          : []),
      ],
    };
  },
  actions: {
    create: pageAction({
      roles: CATALOGUE_ROLES,
      input: rewardForm,
      done: { en: CONSOLE_PHRASES.en.done.create, 'zh-CN': CONSOLE_PHRASES['zh-CN'].done.create },
      async run(input, ctx: Ctx) {
        await createReward(ctx, { ...input, stock: input.stock ?? null });
      },
    }),
    retire: switchAction(false, 'retire'),
    restore: switchAction(true, 'restore'),
  },
};

/** One reward (`?id=`): its fields to change, and retiring it or offering it again. */
export const rewardPage: PageDefinition<LoyaltyConfig> = {
  path: 'reward',
  title: { en: CONSOLE_PHRASES.en.reward, 'zh-CN': CONSOLE_PHRASES['zh-CN'].reward },
  roles: CATALOGUE_ROLES,
  nav: false,
  async render({ locale, query }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const id = queryId(query.id);
    const reward = (await listRewards(ctx, { all: true })).find((each) => each.id === id);
    if (reward === undefined) throw notFound('reward', 'id', query.id);
    const hidden: Field = { type: 'hidden', name: 'id', value: String(reward.id) };
    const state = reward.active ? phrases.retireForm : phrases.restoreForm;
    return {
      blocks: [
        { kind: 'heading', text: reward.name },
        {
          kind: 'stats',
          items: [
            { label: phrases.status, value: reward.active ? phrases.active : phrases.retired },
            { label: phrases.cost, value: reward.cost },
            { label: phrases.stock, value: reward.stock ?? phrases.unlimited },
          ],
        },
        {
          kind: 'form',
          action: 'change',
          title: phrases.edit.title,
          caption: phrases.edit.caption,
          fields: [hidden, ...rewardFields(locale, reward)],
          submit: phrases.edit.submit,
        },
        {
          kind: 'form',
          action: reward.active ? 'retire' : 'restore',
          title: state.title,
          caption: state.caption,
          fields: [hidden],
          submit: state.submit,
        },
      ],
    };
  },
  actions: {
    change: pageAction({
      roles: CATALOGUE_ROLES,
      input: rewardForm.extend({ id: rewardId }),
      done: { en: CONSOLE_PHRASES.en.done.change, 'zh-CN': CONSOLE_PHRASES['zh-CN'].done.change },
      async run({ id, ...fields }, ctx: Ctx) {
        await updateReward(ctx, id, { ...fields, stock: fields.stock ?? null });
      },
    }),
    retire: switchAction(false, 'retire'),
    restore: switchAction(true, 'restore'),
  },
};
