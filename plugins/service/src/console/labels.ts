import type { Locale } from '@guanxi/core';

/** The console's words for the complaint queue and a complaint's page. */
export interface ConsolePhrases {
  readonly queue: string;
  readonly complaint: string;
  rule(hours: string): string;
  readonly open: string;
  readonly overdue: string;
  dueSoon(hours: number): string;
  readonly keyOpen: string;
  readonly cause: string;
  readonly tier: string;
  readonly step: string;
  readonly due: string;
  dueAt(when: string, span: string): string;
  readonly dueChoices: { readonly overdue: string; readonly soon: string };
  readonly customer: string;
  readonly summary: string;
  readonly next: string;
  readonly queueTitle: string;
  readonly queueCaption: string;
  readonly empty: string;
  readonly openTitle: string;
  readonly openCaption: string;
  readonly customerId: string;
  readonly channel: string;
  readonly openSubmit: string;
  readonly opened: string;
  readonly recordedBy: string;
  readonly remedy: string;
  readonly closeReason: string;
  readonly responseTier: string;
  readonly noTier: string;
  readonly valid: string;
  readonly validChoices: { readonly yes: string; readonly no: string };
  readonly note: string;
  readonly history: string;
  readonly at: string;
  readonly move: string;
  readonly actor: string;
  readonly noHistory: string;
  readonly closed: string;
  title(id: number, cause: string): string;
  readonly forms: {
    readonly record: { title: string; caption: string; submit: string };
    readonly propose: { title: string; caption: string; submit: string };
    readonly another: { title: string; caption: string; submit: string };
    readonly accept: { title: string; caption: string; submit: string };
    readonly followUp: { title: string; caption: string; submit: string };
    readonly close: { title: string; caption: string; submit: string };
  };
  readonly done: {
    readonly open: string;
    readonly record: string;
    readonly propose: string;
    readonly accept: string;
    readonly followUp: string;
    readonly close: string;
  };
  readonly notYours: string;
}

export const CONSOLE_PHRASES: Readonly<Record<Locale, ConsolePhrases>> = {
  en: {
    queue: 'Complaint queue',
    complaint: 'Complaint',
    rule: (hours) =>
      `A complaint goes through four steps: the customer is heard out, the key points are recorded and judged, a remedy the customer accepts is proposed and carried out, and the customer is followed up. Each step is due within the response time of the customer's tier (${hours}): key customers first.`,
    open: 'Open complaints',
    overdue: 'Overdue',
    dueSoon: (hours) => `Due within ${hours} h`,
    keyOpen: 'Key customers’ open complaints',
    cause: 'Cause',
    tier: 'Tier',
    step: 'Step',
    due: 'Due',
    dueAt: (when, span) => `${when} (${span})`,
    dueChoices: { overdue: 'Overdue', soon: 'Due soon' },
    customer: 'Customer',
    summary: 'Complaint',
    next: 'Next step',
    queueTitle: 'Open complaints by when their next step is due',
    queueCaption: 'Overdue ones first; each row opens the complaint, where its next step is done.',
    empty: 'No open complaint matches.',
    openTitle: 'Take a complaint',
    openCaption: 'Hear the customer out and note what they say; the first step is then due.',
    customerId: 'Customer id',
    channel: 'Channel',
    openSubmit: 'Open the complaint',
    opened: 'Opened',
    recordedBy: 'Taken by',
    remedy: 'Remedy',
    closeReason: 'Closed because',
    responseTier: 'Response time of',
    noTier: '—',
    valid: 'Is the complaint valid?',
    validChoices: { yes: 'Yes, it holds', no: 'No, it does not hold' },
    note: 'Note',
    history: 'Steps so far',
    at: 'When',
    move: 'Step',
    actor: 'By',
    noHistory: 'No step yet.',
    closed: 'This complaint is closed.',
    title: (id, cause) => `Complaint #${id}: ${cause}`,
    forms: {
      record: {
        title: 'Step 2: record and judge',
        caption:
          'Record the key points and say whether the complaint holds; one that does not is closed with your note as the reason.',
        submit: 'Record',
      },
      propose: {
        title: 'Step 3: propose a remedy',
        caption: 'What the company offers to put it right.',
        submit: 'Propose',
      },
      another: {
        title: 'Or propose another remedy',
        caption: 'When the customer turned the first one down.',
        submit: 'Propose instead',
      },
      accept: {
        title: 'Step 3: the customer accepts the remedy',
        caption: 'Once they accept, carry it out; the follow-up is then due.',
        submit: 'Accepted and carried out',
      },
      followUp: {
        title: 'Step 4: follow up',
        caption: 'Ask the customer whether the remedy settled it.',
        submit: 'Followed up',
      },
      close: {
        title: 'Close the complaint',
        caption: 'After the follow-up.',
        submit: 'Close',
      },
    },
    done: {
      open: 'Complaint opened.',
      record: 'Complaint recorded.',
      propose: 'Remedy proposed.',
      accept: 'Remedy accepted.',
      followUp: 'Follow-up recorded.',
      close: 'Complaint closed.',
    },
    notYours: 'is not a customer of the team you may act for',
  },
  'zh-CN': {
    queue: '投诉队列',
    complaint: '投诉',
    rule: (hours) =>
      `投诉处理分四步：受理并让客户充分表达，记录要点并判断投诉是否成立，提出并实施客户接受的补救方案，跟踪回访。每一步须在客户等级对应的响应时限内完成（${hours}）：关键客户优先。`,
    open: '未结投诉',
    overdue: '已超时',
    dueSoon: (hours) => `${hours} 小时内到期`,
    keyOpen: '关键客户的未结投诉',
    cause: '原因',
    tier: '客户等级',
    step: '当前步骤',
    due: '到期',
    dueAt: (when, span) => `${when}（${span}）`,
    dueChoices: { overdue: '已超时', soon: '即将到期' },
    customer: '客户',
    summary: '投诉内容',
    next: '下一步',
    queueTitle: '按下一步到期时间排列的未结投诉',
    queueCaption: '超时的排在最前；点击进入投诉，在投诉页完成下一步。',
    empty: '没有符合条件的未结投诉。',
    openTitle: '受理投诉',
    openCaption: '让客户充分表达并记下其诉求；随后第一步开始计时。',
    customerId: '客户编号',
    channel: '渠道',
    openSubmit: '受理投诉',
    opened: '受理时间',
    recordedBy: '受理人',
    remedy: '补救方案',
    closeReason: '关闭原因',
    responseTier: '响应时限按',
    noTier: '—',
    valid: '投诉是否成立？',
    validChoices: { yes: '成立', no: '不成立' },
    note: '备注',
    history: '处理记录',
    at: '时间',
    move: '步骤',
    actor: '操作人',
    noHistory: '尚无处理记录。',
    closed: '此投诉已关闭。',
    title: (id, cause) => `投诉 #${id}：${cause}`,
    forms: {
      record: {
        title: '第二步：记录并判断',
        caption: '记录投诉要点并判断是否成立；不成立的投诉将以备注为原因关闭。',
        submit: '记录',
      },
      propose: {
        title: '第三步：提出补救方案',
        caption: '公司为解决问题提出的方案。',
        submit: '提出',
      },
      another: {
        title: '或提出其他补救方案',
        caption: '客户不接受前一个方案时使用。',
        submit: '改为此方案',
      },
      accept: {
        title: '第三步：客户接受补救方案',
        caption: '客户接受后实施方案；随后开始计算回访时限。',
        submit: '已接受并实施',
      },
      followUp: {
        title: '第四步：跟踪回访',
        caption: '询问客户补救是否解决了问题。',
        submit: '已回访',
      },
      close: {
        title: '关闭投诉',
        caption: '回访之后关闭。',
        submit: '关闭',
      },
    },
    done: {
      open: '投诉已受理。',
      record: '投诉已记录。',
      propose: '补救方案已提出。',
      accept: '补救方案已接受。',
      followUp: '回访已记录。',
      close: '投诉已关闭。',
    },
    notYours: '不是您可处理的本团队客户',
  },
};
