import {
  dayOf,
  type Locale,
  notFound,
  ownerScope,
  type PageDefinition,
  pageAction,
  queryChoice,
  queryId,
  validationError,
} from '@guanxi/core';
import { TIER_LABELS, type Tier } from '@guanxi/plugin-tiering';
import { z } from 'zod';
import { checkIn } from '../at-risk';
import type { WinbackConfig } from '../config';
import { CHURN_KINDS, type ChurnKind } from '../kinds';
import { ACTION_LABELS, KIND_LABELS, PANEL_LABELS, POLICY_LABELS, RULE_LABELS } from '../labels';
import { completeStep, getPlaybook } from '../playbook/playbooks';
import { TIER_RANK, tierName } from '../policy';
import { CONSOLE_PHRASES } from './labels';
import { atRiskRows, nextSteps, worklistCounts } from './worklist';

const PAGE_SIZE = 50;
/** A download gives every row of a table, up to this many. */
const CSV_ROWS = 100_000;
const TIERS = Object.keys(TIER_RANK) as Tier[];

const positiveId = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be above 0');

/** The churn risk as the card words it: P(alive), or days since the last order against the limit. */
function riskText(
  row: { pAlive: number | null; daysSince: number; thresholdDays: number | null },
  config: WinbackConfig,
  locale: Locale,
): string {
  const labels = PANEL_LABELS[locale];
  if (row.pAlive !== null) return labels.pAlive(row.pAlive, config.pAliveBelow);
  return labels.days(row.daysSince, row.thresholdDays ?? 0);
}

/**
 * The viewer's win-back worklist (a rep's own customers, the team's for others): churned
 * customers' next playbook steps by tier, each done from the page, and the active customers
 * the last detection found at risk, to check on before they lapse.
 */
export const worklistPage: PageDefinition<WinbackConfig> = {
  path: 'worklist',
  title: { en: CONSOLE_PHRASES.en.page, 'zh-CN': CONSOLE_PHRASES['zh-CN'].page },
  roles: ['rep', 'manager', 'admin'],
  async render({ locale, viewer, query, purpose }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const owner = ownerScope(viewer);
    const tier = queryChoice<Tier>(TIERS, query.tier);
    const kind = queryChoice<ChurnKind>(CHURN_KINDS, query.kind);
    const overdue = query.due === 'overdue';
    const all = query.shown === 'all';
    const filter = {
      tier: tier === undefined ? undefined : TIER_RANK[tier],
      kind,
      overdue,
      owner,
    };
    const size = purpose === 'csv' ? CSV_ROWS : PAGE_SIZE;
    const [counts, steps, risks] = await Promise.all([
      worklistCounts(ctx, owner),
      nextSteps(ctx, filter, { after: queryId(query.after), size: size + 1 }),
      atRiskRows(ctx, { ...filter, all }, { after: queryId(query.riskAfter), size: size + 1 }),
    ]);
    const shownSteps = steps.slice(0, size);
    const shownRisks = risks.slice(0, size);
    const names = await ctx.core.customers.names(ctx.teamId, [
      ...shownSteps.map((step) => step.customerId),
      ...shownRisks.map((risk) => risk.customerId),
    ]);
    const customer = (customerId: number) => ({
      text: names.get(customerId) ?? `#${customerId}`,
      customerId,
    });
    const tierText = (rank: number) => TIER_LABELS[tierName(rank)][locale];
    const now = ctx.clock.now().toISOString();
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries({ tier, kind, due: query.due, shown: query.shown }))
      if (value !== undefined && value !== '') kept[name] = value;
    const lastStep = shownSteps.at(-1);
    const lastRisk = shownRisks.at(-1);
    return {
      blocks: [
        { kind: 'rule', text: phrases.rule },
        {
          kind: 'stats',
          items: [
            { label: phrases.open, value: counts.open },
            { label: phrases.overdue, value: counts.overdue },
            { label: phrases.key, value: counts.key },
            { label: phrases.atRisk, value: counts.atRisk },
          ],
        },
        {
          kind: 'filters',
          fields: [
            {
              type: 'select',
              name: 'tier',
              label: phrases.tier,
              options: TIERS.map((each) => ({ value: each, label: TIER_LABELS[each][locale] })),
            },
            {
              type: 'select',
              name: 'kind',
              label: phrases.kind,
              options: CHURN_KINDS.map((each) => ({
                value: each,
                label: KIND_LABELS[each][locale],
              })),
            },
            {
              type: 'select',
              name: 'due',
              label: phrases.due,
              options: [{ value: 'overdue', label: phrases.dueChoices.overdue }],
            },
            {
              type: 'select',
              name: 'shown',
              label: phrases.shown,
              options: [{ value: 'all', label: phrases.shownChoices.all }],
            },
          ],
        },
        {
          kind: 'table',
          id: 'churned',
          title: phrases.churnedTitle,
          caption: phrases.churnedCaption,
          columns: [
            { key: 'customer', label: phrases.customer },
            { key: 'tier', label: phrases.tier },
            { key: 'kind', label: phrases.kind },
            { key: 'policy', label: phrases.policy },
            { key: 'step', label: phrases.nextStep },
            { key: 'due', label: phrases.due },
            { key: 'late', label: '' },
            { key: 'done', label: '' },
          ],
          rows: shownSteps.map((step) => ({
            customer: customer(step.customerId),
            tier: tierText(step.tier),
            kind: KIND_LABELS[step.kind][locale],
            policy: POLICY_LABELS[step.policy][locale],
            step: ACTION_LABELS[step.action][locale],
            due: dayOf(step.dueAt, ctx.timeZone),
            late: step.dueAt < now ? phrases.late : '',
            done: {
              action: 'done',
              label: phrases.doIt,
              fields: { playbookId: String(step.playbookId), stepNo: String(step.stepNo) },
            },
          })),
          empty: phrases.churnedEmpty,
          ...(steps.length > size && lastStep !== undefined
            ? { next: { ...kept, after: String(lastStep.playbookId) } }
            : {}),
        },
        {
          kind: 'table',
          id: 'at-risk',
          title: phrases.riskTitle,
          caption: phrases.riskCaption,
          columns: [
            { key: 'customer', label: phrases.customer },
            { key: 'tier', label: phrases.tier },
            { key: 'risk', label: phrases.risk },
            { key: 'rule', label: phrases.decidedBy },
            { key: 'assessed', label: phrases.assessed },
            { key: 'check', label: phrases.checkedIn },
          ],
          rows: shownRisks.map((risk) => ({
            customer: customer(risk.customerId),
            tier: tierText(risk.tier),
            risk: riskText(risk, ctx.config, locale),
            rule: RULE_LABELS[risk.rule][locale],
            assessed: dayOf(risk.assessedAt, ctx.timeZone),
            check:
              risk.checkedAt === null
                ? {
                    action: 'check-in',
                    label: phrases.checkIn,
                    fields: { customerId: String(risk.customerId) },
                  }
                : dayOf(risk.checkedAt, ctx.timeZone),
          })),
          empty: phrases.riskEmpty,
          ...(risks.length > size && lastRisk !== undefined
            ? { next: { ...kept, riskAfter: String(lastRisk.customerId) } }
            : {}),
        },
      ],
    };
  },
  actions: {
    done: pageAction({
      roles: ['rep', 'manager', 'admin'],
      input: z.strictObject({ playbookId: positiveId, stepNo: positiveId }),
      done: { en: CONSOLE_PHRASES.en.done.step, 'zh-CN': CONSOLE_PHRASES['zh-CN'].done.step },
      async run(input, ctx, caller) {
        const playbook = await getPlaybook(ctx, input.playbookId);
        if (
          (await ctx.core.customers.findFor(ctx.teamId, caller.viewer, playbook.customerId)) ===
          undefined
        ) {
          throw notFound('playbook', 'playbookId', input.playbookId);
        }
        await completeStep(ctx, input.playbookId, input.stepNo, {
          note: null,
          actor: caller.viewer.actor,
        });
      },
    }),
    'check-in': pageAction({
      roles: ['rep', 'manager', 'admin'],
      input: z.strictObject({ customerId: positiveId }),
      done: {
        en: CONSOLE_PHRASES.en.done.checkIn,
        'zh-CN': CONSOLE_PHRASES['zh-CN'].done.checkIn,
      },
      async run(input, ctx, caller) {
        const phrases = CONSOLE_PHRASES[caller.locale];
        if (
          (await ctx.core.customers.findFor(ctx.teamId, caller.viewer, input.customerId)) ===
          undefined
        ) {
          throw validationError([{ path: 'customerId', message: phrases.notYours }]);
        }
        if (!(await checkIn(ctx, input.customerId, caller.viewer.actor))) {
          throw validationError([{ path: 'customerId', message: phrases.notAtRisk }]);
        }
      },
    }),
  },
};
