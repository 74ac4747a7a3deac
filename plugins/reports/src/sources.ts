import type { Locale, MeasureRow, PluginContext } from '@guanxi/core';
import { type LoyaltyMeasures, loyaltyMeasuresService } from '@guanxi/plugin-loyalty';
import { measuresService, type ServiceMeasures } from '@guanxi/plugin-service';
import { type ChurnMeasures, churnsService } from '@guanxi/plugin-winback';

/** The other plugins' figures a report reads, each undefined when the team has that plugin off. */
export interface Sources {
  readonly service: ServiceMeasures | undefined;
  readonly loyalty: LoyaltyMeasures | undefined;
  readonly winback: ChurnMeasures | undefined;
}

/** The services of service, loyalty and win-back, for the team the page is rendered for. */
export async function sourcesOf(ctx: Pick<PluginContext, 'use'>): Promise<Sources> {
  return {
    service: await ctx.use(measuresService),
    loyalty: await ctx.use(loyaltyMeasuresService),
    winback: await ctx.use(churnsService),
  };
}

/** Where a report's figures come from, as its tables name them. */
export interface SourceNames {
  readonly orders: string;
  readonly interactions: string;
  readonly nps: string;
  readonly csat: string;
  question(question: string): string;
  readonly complaints: string;
  readonly qualityComplaints: string;
  readonly discounts: string;
  readonly attitudes: string;
  readonly churns: string;
  /** A figure whose plugin the team has off. */
  off(plugin: string): string;
}

export const SOURCE_NAMES: Readonly<Record<Locale, SourceNames>> = {
  en: {
    orders: 'Orders',
    interactions: 'Interactions (inbound) and orders',
    nps: 'NPS surveys (service)',
    csat: 'CSAT surveys (service)',
    question: (question) => `Survey question “${question}” (service)`,
    complaints: 'Complaints (service) and orders',
    qualityComplaints: 'Product-quality complaints (service) and the orders after them',
    discounts: 'Discount flags on orders (loyalty)',
    attitudes: 'Attitude surveys (loyalty)',
    churns: 'Churns (win-back)',
    off: (plugin) => `no figures: ${plugin} is off for the team`,
  },
  'zh-CN': {
    orders: '订单',
    interactions: '客户主动联系记录与订单',
    nps: 'NPS 调查（服务插件）',
    csat: 'CSAT 调查（服务插件）',
    question: (question) => `调查问题“${question}”（服务插件）`,
    complaints: '投诉（服务插件）与订单',
    qualityComplaints: '产品质量投诉（服务插件）及其后的订单',
    discounts: '订单折扣标记（忠诚插件）',
    attitudes: '态度调查（忠诚插件）',
    churns: '流失记录（挽回插件）',
    off: (plugin) => `无数据：本团队未启用${plugin}`,
  },
};

/** The bundled plugins' names as a report says them. */
export const PLUGIN_NAMES: Readonly<Record<Locale, Readonly<Record<keyof Sources, string>>>> = {
  en: {
    service: 'the service plugin',
    loyalty: 'the loyalty plugin',
    winback: 'the win-back plugin',
  },
  'zh-CN': { service: '服务插件', loyalty: '忠诚插件', winback: '挽回插件' },
};

/** A measure the team cannot have because it has the plugin behind it off. */
export function offRow(label: string, plugin: keyof Sources, locale: Locale): MeasureRow {
  return {
    label,
    value: '—',
    basis: '—',
    source: SOURCE_NAMES[locale].off(PLUGIN_NAMES[locale][plugin]),
  };
}
