import {
  dayOf,
  type Field,
  ownerScope,
  type PageDefinition,
  percentText,
  queryChoice,
  queryId,
  rangeFields,
  reportRange,
  shareOf,
} from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { openOpportunities } from '../opportunities/open-list';
import {
  closedCounts,
  lostReasons,
  type PipelineStage,
  pipeline,
  stageConversion,
  totalOf,
} from '../opportunities/reports';
import { stageLabel } from '../opportunities/stages';
import { moneyText } from './money';
import { CONSOLE_PHRASES } from './phrases';

const PAGE_SIZE = 50;
/** A download gives every open opportunity, up to this many. */
const CSV_ROWS = 100_000;

/**
 * The pipeline: open opportunities by stage and owner with the weighted forecast, conversion
 * between stages, wins, losses and their reasons in a range, and the open opportunities
 * closing first. A rep sees their own opportunities; managers and admins the team's, or one
 * member's.
 */
export const pipelinePage: PageDefinition<DevelopmentConfig> = {
  path: 'pipeline',
  title: { en: CONSOLE_PHRASES.en.pipelineTitle, 'zh-CN': CONSOLE_PHRASES['zh-CN'].pipelineTitle },
  roles: ['rep', 'manager', 'admin'],
  async render({ locale, viewer, query, purpose }, ctx) {
    const words = CONSOLE_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const members = await ctx.core.users.members(ctx.teamId);
    const names = new Map(members.map((member) => [member.id, member.name]));
    const chosen = queryChoice(
      members.map((member) => String(member.id)),
      query.owner,
    );
    const ownerUserId = ownerScope(viewer) ?? (chosen === undefined ? undefined : Number(chosen));
    const scope = { ownerUserId, range };
    const size = purpose === 'csv' ? CSV_ROWS : PAGE_SIZE;
    const [open, conversion, closed, lost, rows] = await Promise.all([
      pipeline(ctx, ownerUserId === undefined ? {} : { ownerUserId }),
      stageConversion(ctx, scope),
      closedCounts(ctx, 'closed_at', scope),
      lostReasons(ctx, scope),
      openOpportunities(ctx, { ownerUserId }, { after: queryId(query.after), size: size + 1 }),
    ]);
    const shown = rows.slice(0, size);
    const customers = await ctx.core.customers.names(
      ctx.teamId,
      shown.map((row) => row.customerId),
    );
    const stages = ctx.config.opportunities.stages;
    const totals = totalOf(open.stages);
    const stageRow = (stage: PipelineStage) => ({
      stage: stage.label[locale],
      probability: percentText(stage.probability),
      count: stage.count,
      amount: moneyText(stage.amount, locale),
      weighted: moneyText(stage.weighted, locale),
    });
    const ownerFilter: Field[] =
      ownerScope(viewer) === undefined
        ? [
            {
              type: 'select',
              name: 'owner',
              label: words.owner,
              options: members.map((member) => ({ value: String(member.id), label: member.name })),
              ...(chosen === undefined ? {} : { value: chosen }),
            },
          ]
        : [];
    const today = dayOf(ctx.clock.now(), ctx.timeZone);
    const last = shown.at(-1);
    const kept: Record<string, string> = { from: range.fromDay, to: range.toDay };
    if (chosen !== undefined) kept.owner = chosen;
    return {
      blocks: [
        {
          kind: 'rule',
          text: words.pipelineRule(
            stages
              .map((stage) => `${stage.label[locale]} ${percentText(stage.probability)}`)
              .join(locale === 'zh-CN' ? '，' : ', '),
          ),
        },
        { kind: 'filters', fields: [...rangeFields(range, locale), ...ownerFilter] },
        {
          kind: 'stats',
          items: [
            { label: words.open, value: totals.count },
            { label: words.openAmount, value: moneyText(totals.amount, locale) },
            { label: words.weighted, value: moneyText(totals.weighted, locale) },
            { label: words.wonInRange, value: closed.won },
            { label: words.lostInRange, value: closed.lost },
            {
              label: words.winRate,
              value: percentText(shareOf(closed.won, closed.won + closed.lost)),
              hint: words.winRateHint,
            },
          ],
        },
        {
          kind: 'chart',
          chart: 'funnel',
          title: words.funnel,
          caption: words.funnelCaption,
          labels: conversion.stages.map((step) => step.label[locale]),
          series: [{ name: words.reached, values: conversion.stages.map((step) => step.reached) }],
          notes: conversion.stages.map((step) => words.toNext(percentText(step.toNext))),
        },
        {
          kind: 'table',
          id: 'by-stage',
          title: words.byStage,
          caption: words.byStageCaption,
          columns: [
            { key: 'stage', label: words.stage },
            { key: 'probability', label: words.probability, numeric: true },
            { key: 'count', label: words.count, numeric: true },
            { key: 'amount', label: words.amount, numeric: true },
            { key: 'weighted', label: words.weighted, numeric: true },
          ],
          rows: open.stages.map(stageRow),
        },
        {
          kind: 'table',
          id: 'by-owner',
          title: words.byOwner,
          columns: [
            { key: 'owner', label: words.owner },
            { key: 'count', label: words.count, numeric: true },
            { key: 'amount', label: words.amount, numeric: true },
            { key: 'weighted', label: words.weighted, numeric: true },
          ],
          rows: open.owners.map((owner) => ({
            owner: owner.name,
            count: owner.count,
            amount: moneyText(owner.amount, locale),
            weighted: moneyText(owner.weighted, locale),
          })),
          empty: words.noOpen,
        },
        {
          kind: 'table',
          id: 'conversion',
          title: words.conversion,
          caption: words.conversionCaption,
          columns: [
            { key: 'stage', label: words.stage },
            { key: 'reached', label: words.reached, numeric: true },
            { key: 'toNext', label: words.toNextColumn, numeric: true },
          ],
          rows: [
            ...conversion.stages.map((step) => ({
              stage: step.label[locale],
              reached: step.reached,
              toNext: percentText(step.toNext),
            })),
            { stage: words.won, reached: conversion.won, toNext: '' },
            { stage: words.lost, reached: conversion.lost, toNext: '' },
          ],
        },
        {
          kind: 'table',
          id: 'lost-reasons',
          title: words.lostReasons,
          caption: words.lostCaption,
          columns: [
            { key: 'reason', label: words.reason },
            { key: 'count', label: words.count, numeric: true },
            { key: 'amount', label: words.amount, numeric: true },
            { key: 'competitors', label: words.competitors },
          ],
          rows: lost.map((reason) => ({
            reason: reason.label[locale],
            count: reason.count,
            amount: moneyText(reason.amount, locale),
            competitors: Object.entries(reason.competitors)
              .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
              .map(([name, n]) => `${name} (${n})`)
              .join(locale === 'zh-CN' ? '，' : ', '),
          })),
          empty: words.noLost,
        },
        {
          kind: 'table',
          id: 'open',
          title: words.openTable,
          caption: words.openCaption,
          columns: [
            { key: 'closeDay', label: words.closeDay },
            { key: 'overdue', label: '' },
            { key: 'customer', label: words.customer },
            { key: 'title', label: words.title },
            { key: 'stage', label: words.stage },
            { key: 'amount', label: words.amount, numeric: true },
            { key: 'owner', label: words.owner },
          ],
          rows: shown.map((row) => ({
            closeDay: row.closeDay,
            overdue: row.closeDay < today ? words.overdue : '',
            customer: {
              text: customers.get(row.customerId) ?? `#${row.customerId}`,
              customerId: row.customerId,
            },
            title: row.title ?? '',
            stage: stageLabel(stages, row.stage, locale),
            amount: moneyText({ [row.currency]: row.amount }, locale),
            owner: names.get(row.ownerUserId) ?? `#${row.ownerUserId}`,
          })),
          empty: words.noOpen,
          ...(rows.length > size && last !== undefined
            ? { next: { ...kept, after: String(last.id) } }
            : {}),
        },
      ],
    };
  },
};
