import {
  type Block,
  type Cell,
  type Locale,
  notFound,
  type PageDefinition,
  queryChoice,
  queryId,
  type TableBlock,
} from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { sourceLabels } from '../sources/kinds';
import {
  centresOfInfluence,
  isCentreOfInfluence,
  type ReferralNode,
  referralChain,
  referralTree,
} from '../sources/referrals';
import type { DevelopmentContext } from '../tables';
import { CONSOLE_PHRASES } from './phrases';

const DEPTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
const DEFAULT_DEPTH = '3';

/** A customer's name linked to their page, and a link to their own tree on this page. */
function treeCells(
  customer: { readonly customerId: number; readonly name: string },
  locale: Locale,
): Record<string, Cell> {
  return {
    customer: { text: customer.name, customerId: customer.customerId },
    tree: {
      text: CONSOLE_PHRASES[locale].showTree,
      link: { page: 'referrals', query: { customerId: String(customer.customerId) } },
    },
  };
}

/** The tree below the root, depth first, each node with its level (1: the root's own referrals). */
function flatten(node: ReferralNode, level = 0): { node: ReferralNode; level: number }[] {
  return node.children.flatMap((child) => [
    { node: child, level: level + 1 },
    ...flatten(child, level + 1),
  ]);
}

/** The centres of influence, each with a link to their tree. */
export async function centresTable(ctx: DevelopmentContext, locale: Locale): Promise<TableBlock> {
  const words = CONSOLE_PHRASES[locale];
  return {
    kind: 'table',
    id: 'centres',
    title: words.centres,
    caption: words.centresCaption,
    columns: [
      { key: 'customer', label: words.customer },
      { key: 'referrals', label: words.referrals, numeric: true },
      { key: 'tree', label: words.tree },
    ],
    rows: (await centresOfInfluence(ctx)).map((centre) => ({
      ...treeCells(centre, locale),
      referrals: centre.referrals,
    })),
    empty: words.noCentres,
  };
}

/** Who brought the customer, and whom the customer brought, level by level. */
async function customerBlocks(
  ctx: DevelopmentContext,
  customerId: number,
  depth: string,
  locale: Locale,
): Promise<Block[]> {
  const words = CONSOLE_PHRASES[locale];
  const [tree, chain] = await Promise.all([
    referralTree(ctx, { customerId, depth: Number(depth) }),
    referralChain(ctx, customerId),
  ]);
  const own = ctx.config.sources.own;
  const below = flatten(tree.root);
  return [
    { kind: 'heading', text: tree.root.name },
    {
      kind: 'stats',
      items: [
        { label: words.referredBy, value: tree.referredBy?.name ?? words.nobody },
        { label: words.referrals, value: tree.root.referrals },
        { label: words.inTree, value: tree.size },
        {
          label: words.centre,
          value: isCentreOfInfluence(tree.root.referrals, ctx) ? words.yes : words.no,
        },
      ],
    },
    {
      kind: 'table',
      id: 'chain',
      title: words.chain,
      caption: words.chainCaption,
      columns: [
        { key: 'level', label: words.level, numeric: true },
        { key: 'customer', label: words.customer },
        { key: 'tree', label: words.tree },
      ],
      rows: chain.map((referrer, i) => ({ level: i + 1, ...treeCells(referrer, locale) })),
      empty: words.noChain,
    },
    {
      kind: 'table',
      id: 'brought',
      title: words.brought,
      caption: words.broughtCaption,
      columns: [
        { key: 'level', label: words.level, numeric: true },
        { key: 'customer', label: words.customer },
        { key: 'cameBy', label: words.cameBy },
        { key: 'referrals', label: words.referrals, numeric: true },
        { key: 'tree', label: words.tree },
      ],
      rows: below.map(({ node, level }) => ({
        level,
        ...treeCells(node, locale),
        cameBy: node.kind === null ? '' : sourceLabels(node.kind, own)[locale],
        referrals: node.referrals,
      })),
      empty: words.noReferrals,
    },
    ...(tree.deeper ? [{ kind: 'text' as const, text: words.deeper(Number(depth)) }] : []),
  ];
}

/**
 * A customer's referral chain and the customers they brought, to a chosen depth; without a
 * customer, the centres of influence to start from. A rep opens the trees of the customers
 * they may see; managers and admins any customer's, and the centres.
 */
export const referralsPage: PageDefinition<DevelopmentConfig> = {
  path: 'referrals',
  title: {
    en: CONSOLE_PHRASES.en.referralsTitle,
    'zh-CN': CONSOLE_PHRASES['zh-CN'].referralsTitle,
  },
  roles: ['rep', 'manager', 'admin'],
  async render({ locale, viewer, query }, ctx) {
    const words = CONSOLE_PHRASES[locale];
    const customerId = queryId(query.customerId);
    const depth = queryChoice(DEPTHS, query.depth) ?? DEFAULT_DEPTH;
    const opening: Block[] = [
      { kind: 'rule', text: words.referralsRule(ctx.config.sources.centreOfInfluence) },
      {
        kind: 'filters',
        fields: [
          {
            type: 'number',
            name: 'customerId',
            label: words.customerId,
            ...(customerId === undefined ? {} : { value: String(customerId) }),
          },
          {
            type: 'select',
            name: 'depth',
            label: words.depth,
            value: depth,
            options: DEPTHS.map((value) => ({ value, label: value })),
          },
        ],
      },
    ];
    if (customerId === undefined) {
      return {
        blocks: [
          ...opening,
          { kind: 'text', text: words.chooseCustomer },
          ...(viewer.role === 'rep' ? [] : [await centresTable(ctx, locale)]),
        ],
      };
    }
    const customer = await ctx.core.customers.findFor(ctx.teamId, viewer, customerId);
    if (customer === undefined) throw notFound('customer', 'customerId', customerId);
    return { blocks: [...opening, ...(await customerBlocks(ctx, customerId, depth, locale))] };
  },
};
