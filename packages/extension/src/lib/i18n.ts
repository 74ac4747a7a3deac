import type { Locale } from '@guanxi/client';
import type { LanguageChoice } from './messages';

/** The language of the browser's UI, as the server's Accept-Language reading picks it. */
export function browserLocale(language: string): Locale {
  const tag = language.toLowerCase();
  return tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')
    ? 'zh-CN'
    : 'en';
}

export function resolveLocale(choice: LanguageChoice, language: string): Locale {
  return choice === 'browser' ? browserLocale(language) : choice;
}

/** Labels keyed by ids the server sends, so any id can be looked up. */
const labels = (map: Record<string, string>) => map;

const en = {
  loading: 'Looking up the customer…',
  unconfigured: 'Guanxi is not set up yet: add the server and your API key in the options.',
  offline: 'The Guanxi server cannot be reached.',
  rejected: 'The server rejected the API key. Check it in the options.',
  failed: (detail: string) => `Something went wrong: ${detail}`,
  openOptions: 'Open options',
  retry: 'Try again',
  close: 'Close',
  unknown: 'Not a customer yet',
  companyMatch: 'The sender is not on file; this is the card of their company.',
  createCustomer: 'Create customer',
  name: 'Name',
  team: 'Team',
  create: 'Create',
  company: 'Company',
  stage: 'Stage',
  points: 'Points',
  level: 'Level',
  complaints: 'Open complaints',
  noComplaints: 'None',
  winback: 'Win-back',
  winbackStatus: labels({ ok: 'Active', at_risk: 'At risk', churned: 'Churned' }),
  churnKinds: labels({
    natural: 'natural churn',
    competitive: 'lost to a competitor',
    fault: 'our fault',
    non_malicious: 'non-malicious',
    retaliatory: 'retaliatory',
    malicious: 'malicious',
  }),
  rfm: 'RFM',
  pAlive: 'P(alive)',
  clv: 'CLV',
  nextBestAction: 'Next best action',
  lastInteractions: 'Last interactions',
  lastOrders: 'Last orders',
  nothingYet: 'None yet',
  modules: 'Modules',
  logEmail: 'Log this e-mail',
  includeBody: 'Include the message body',
  log: 'Log',
  logged: 'Logged as an interaction.',
  direction: { inbound: 'Received', outbound: 'Sent' },
  neverLog: 'Mail with this domain is never logged.',
  openConsole: 'Open in the console',
  search: 'Search customers',
  noResults: 'No customer matches.',
  thisSite: 'Guanxi on this site',
  siteOn: 'On',
  siteOff: 'Off',
  siteNotApplicable: 'Guanxi runs on web pages only.',
  siteMail: 'Gmail and Outlook are always on.',
  optionsTitle: 'Guanxi options',
  serverUrl: 'Server URL',
  apiKey: 'API key',
  keySaved: 'A key is saved; leave empty to keep it.',
  language: 'Language',
  browserLanguage: 'The browser’s language',
  neverLogDomains: 'Never log mail with these domains (one a line)',
  advanced: 'Advanced',
  cacheSeconds: 'How long cards are kept (seconds)',
  cacheSecondsHint: (fallback: number) =>
    `A card older than this is fetched from the server again; ${fallback} by default, ` +
    '0 keeps none. Your own changes show at once.',
  save: 'Save',
  connected: (name: string, email: string, teams: string) =>
    `Connected as ${name} (${email}). Teams: ${teams}.`,
  permissionDenied: 'Guanxi needs permission to reach this server.',
  invalidUrl: 'Give the server as http:// or https:// followed by its address.',
};

export type Messages = typeof en;

const zhCN: Messages = {
  loading: '正在查找客户…',
  unconfigured: '尚未设置 Guanxi：请在选项中填写服务器地址和 API 密钥。',
  offline: '无法连接 Guanxi 服务器。',
  rejected: '服务器拒绝了此 API 密钥，请在选项中检查。',
  failed: (detail) => `出错了：${detail}`,
  openOptions: '打开选项',
  retry: '重试',
  close: '关闭',
  unknown: '尚不是客户',
  companyMatch: '发件人不在客户库中；这是其所在公司的卡片。',
  createCustomer: '创建客户',
  name: '名称',
  team: '团队',
  create: '创建',
  company: '公司',
  stage: '生命周期阶段',
  points: '积分',
  level: '等级',
  complaints: '未结投诉',
  noComplaints: '无',
  winback: '客户挽回',
  winbackStatus: { ok: '正常', at_risk: '有流失风险', churned: '已流失' },
  churnKinds: {
    natural: '自然流失',
    competitive: '竞争流失',
    fault: '过失流失',
    non_malicious: '非恶意流失',
    retaliatory: '报复性流失',
    malicious: '恶意流失',
  },
  rfm: 'RFM',
  pAlive: '仍在购买的概率',
  clv: '客户终身价值',
  nextBestAction: '下一步建议',
  lastInteractions: '最近互动',
  lastOrders: '最近订单',
  nothingYet: '暂无',
  modules: '模块',
  logEmail: '记录此邮件',
  includeBody: '包含邮件正文',
  log: '记录',
  logged: '已记录为互动。',
  direction: { inbound: '收到', outbound: '发出' },
  neverLog: '此域名的邮件从不记录。',
  openConsole: '在工作台打开',
  search: '搜索客户',
  noResults: '没有匹配的客户。',
  thisSite: '在此网站启用 Guanxi',
  siteOn: '开',
  siteOff: '关',
  siteNotApplicable: 'Guanxi 只在网页上运行。',
  siteMail: 'Gmail 和 Outlook 始终启用。',
  optionsTitle: 'Guanxi 选项',
  serverUrl: '服务器地址',
  apiKey: 'API 密钥',
  keySaved: '已保存密钥；留空则保持不变。',
  language: '语言',
  browserLanguage: '浏览器语言',
  neverLogDomains: '从不记录这些域名的邮件（每行一个）',
  advanced: '高级',
  cacheSeconds: '卡片保留时长（秒）',
  cacheSecondsHint: (fallback) =>
    `卡片超过此时长后会重新从服务器获取；默认 ${fallback}，0 表示不保留。` +
    '您自己的修改会立即显示。',
  save: '保存',
  connected: (name, email, teams) => `已连接：${name}（${email}）。团队：${teams}。`,
  permissionDenied: 'Guanxi 需要访问此服务器的权限。',
  invalidUrl: '请以 http:// 或 https:// 开头填写服务器地址。',
};

const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
