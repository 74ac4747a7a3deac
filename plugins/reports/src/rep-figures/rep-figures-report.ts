import {
  addSummaries,
  type Locale,
  majorUnits,
  NO_ORDERS,
  type OrderSummary,
  type PageDefinition,
  type PluginContext,
  percentText,
  percentValue,
  type ReportRange,
  reportOpening,
  reportRange,
  shareOf,
} from '@guanxi/core';
import {
  type ComplaintFigures,
  complaintRate,
  returnRate,
  type SurveyFigures,
} from '@guanxi/plugin-service';
import type { ChurnFigures } from '@guanxi/plugin-winback';
import { type Sources, sourcesOf } from '../sources';
import { REP_FIGURES_PHRASES } from './phrases';

/** A member who owns no customer the range touched. */
const NO_SURVEYS: SurveyFigures = {
  csat: { responses: 0, average: null, satisfied: 0 },
  nps: { responses: 0, promoters: 0, passives: 0, detractors: 0, score: null },
  byName: { answered: 0, yes: 0 },
  needsMet: { answered: 0, mean: null },
  walletShare: { answered: 0, mean: null },
};
const NO_COMPLAINTS: ComplaintFigures = {
  opened: 0,
  closed: 0,
  byCause: { product_quality: 0, service_attitude: 0, deception: 0, other: 0 },
};
const NO_CHURNS: ChurnFigures = { churned: 0, keyChurned: 0, wonBack: 0 };

/** One member's figures, or the whole team's. */
interface Figures {
  readonly name: string;
  readonly customers: number;
  readonly orders: OrderSummary;
  readonly surveys: SurveyFigures | undefined;
  readonly complaints: ComplaintFigures | undefined;
  readonly churns: ChurnFigures | undefined;
}

/**
 * Each member's figures (a rep only their own) and, for managers, the whole team's: orders
 * from the core, surveys, complaints and churns from the plugins, each source one query
 * grouped by owner; the team's orders are the owners' added up.
 */
async function figuresOf(
  ctx: Pick<PluginContext, 'teamId' | 'core'>,
  sources: Sources,
  range: ReportRange,
  viewer: { readonly userId: number; readonly rep: boolean; readonly teamName: string },
): Promise<{ members: Figures[]; whole: Figures | undefined }> {
  const [members, owned, orders, surveys, complaints, churns] = await Promise.all([
    ctx.core.users.members(ctx.teamId),
    ctx.core.customers.countByOwner(ctx.teamId),
    ctx.core.orders.summaryByOwner(ctx.teamId, range),
    sources.service?.surveysByOwner(range),
    sources.service?.complaintsByOwner(range),
    sources.winback?.churnsByOwner(range),
  ]);
  const shown = members
    .filter((member) => !viewer.rep || member.id === viewer.userId)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((member) => ({
      name: member.name,
      customers: owned.get(member.id) ?? 0,
      orders: orders.get(member.id) ?? NO_ORDERS,
      surveys: surveys && (surveys.get(member.id) ?? NO_SURVEYS),
      complaints: complaints && (complaints.get(member.id) ?? NO_COMPLAINTS),
      churns: churns && (churns.get(member.id) ?? NO_CHURNS),
    }));
  if (viewer.rep) return { members: shown, whole: undefined };
  const [teamSurveys, teamComplaints, teamChurns] = await Promise.all([
    sources.service?.surveys(range),
    sources.service?.complaints(range),
    sources.winback?.churns(range),
  ]);
  const whole = {
    name: viewer.teamName,
    customers: [...owned.values()].reduce((sum, n) => sum + n, 0),
    orders: addSummaries(orders.values()),
    surveys: teamSurveys,
    complaints: teamComplaints,
    churns: teamChurns,
  };
  return { members: shown, whole };
}

/** A row of the table: figures a plugin the team has off are left empty. */
function row(figures: Figures, currency: string) {
  const { orders, surveys, complaints, churns } = figures;
  return {
    member: figures.name,
    customers: figures.customers,
    buyers: orders.buyers,
    revenue: majorUnits(orders.revenue, currency),
    cameBack: percentText(returnRate(orders.returning, orders.buyers)),
    complaints: complaints?.opened ?? null,
    complaintRate:
      complaints === undefined ? null : complaintRate(complaints.opened, orders.buyers),
    csat: surveys?.csat.average ?? null,
    csatAnswers: surveys?.csat.responses ?? null,
    satisfied: surveys === undefined ? null : percentText(satisfiedShare(surveys)),
    churned: churns?.churned ?? null,
    wonBack: churns?.wonBack ?? null,
  };
}

const satisfiedShare = (surveys: SurveyFigures) =>
  shareOf(surveys.csat.satisfied, surveys.csat.responses);

function columns(locale: Locale) {
  const words = REP_FIGURES_PHRASES[locale];
  return [
    { key: 'member', label: words.member },
    { key: 'customers', label: words.customers, numeric: true },
    { key: 'buyers', label: words.buyers, numeric: true },
    { key: 'revenue', label: words.revenue, numeric: true },
    { key: 'cameBack', label: words.cameBack, numeric: true },
    { key: 'complaints', label: words.complaints, numeric: true },
    { key: 'complaintRate', label: words.complaintRate, numeric: true },
    { key: 'csat', label: words.csat, numeric: true },
    { key: 'csatAnswers', label: words.csatAnswers, numeric: true },
    { key: 'satisfied', label: words.satisfied, numeric: true },
    { key: 'churned', label: words.churned, numeric: true },
    { key: 'wonBack', label: words.wonBack, numeric: true },
  ];
}

/**
 * Each member's figures for the range, from their own customers: orders from the core,
 * satisfaction and complaints through the service plugin, churns and wins through the
 * win-back plugin. A rep sees their own row; managers and admins every member's and the team's.
 */
export const repFiguresReport: PageDefinition<unknown> = {
  path: 'rep-figures',
  title: { en: REP_FIGURES_PHRASES.en.title, 'zh-CN': REP_FIGURES_PHRASES['zh-CN'].title },
  roles: ['rep', 'manager', 'admin'],
  async render({ locale, query, viewer }, ctx) {
    const words = REP_FIGURES_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const sources = await sourcesOf(ctx);
    const rep = viewer.role === 'rep';
    const [{ members, whole }, team] = await Promise.all([
      figuresOf(ctx, sources, range, { userId: viewer.userId, rep, teamName: words.team }),
      ctx.core.teams.get(ctx.teamId),
    ]);
    const headline = whole ?? members[0];
    return {
      blocks: [
        ...reportOpening(words.rule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.members, value: members.length },
            { label: words.csat, value: headline?.surveys?.csat.average ?? '—' },
            {
              label: words.satisfied,
              value: percentText(headline?.surveys ? satisfiedShare(headline.surveys) : null),
            },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.chart,
          caption: words.chartCaption,
          labels: members.map((member) => member.name),
          series: [
            {
              name: words.satisfied,
              values: members.map((member) =>
                percentValue(member.surveys ? satisfiedShare(member.surveys) : null),
              ),
            },
            {
              name: words.cameBack,
              values: members.map((member) =>
                percentValue(returnRate(member.orders.returning, member.orders.buyers)),
              ),
            },
          ],
        },
        {
          kind: 'table',
          id: 'members',
          title: words.table,
          columns: columns(locale),
          rows: [...members, ...(whole === undefined ? [] : [whole])].map((figures) =>
            row(figures, team.currency),
          ),
          empty: words.empty,
        },
      ],
    };
  },
};
