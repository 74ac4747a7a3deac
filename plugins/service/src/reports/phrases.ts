import type { Locale } from '@guanxi/core';

/** The words of the service plugin's reports in the console. */
export interface ReportPhrases {
  readonly complaintsTitle: string;
  readonly complaintsRule: string;
  readonly opened: string;
  readonly openNow: string;
  readonly overdue: string;
  readonly judgedValid: string;
  readonly hoursToClose: string;
  readonly hoursHint: string;
  readonly chart: string;
  readonly chartCaption: string;
  readonly stillOpen: string;
  readonly closed: string;
  readonly byCause: string;
  readonly byCauseCaption: string;
  readonly cause: string;
  readonly allCauses: string;
  readonly noComplaints: string;
  readonly qualityTitle: string;
  readonly qualityRule: string;
  readonly surveys: string;
  readonly qualityChart: string;
  readonly qualityCaption: string;
  readonly byMonth: string;
  readonly month: string;
  readonly noSurveys: string;
  hours(value: number | null): string;
}

export const REPORT_PHRASES: Readonly<Record<Locale, ReportPhrases>> = {
  en: {
    complaintsTitle: 'Complaints report',
    complaintsRule:
      'Complaints opened in the range, by what they are about (product quality, service attitude, deception) and by how far each has come through the four steps: hear the customer out, record the complaint and judge whether it stands, carry out a remedy the customer accepts, follow up; with the hours from opening to close. A complaint well handled keeps the customer.',
    opened: 'Complaints opened',
    openNow: 'Still open',
    overdue: 'Overdue now',
    judgedValid: 'Judged valid',
    hoursToClose: 'Hours to close (mean)',
    hoursHint: 'of those closed',
    chart: 'Complaints by cause',
    chartCaption: 'Complaints opened in the range, still open or closed.',
    stillOpen: 'Still open',
    closed: 'Closed',
    byCause: 'By cause and step',
    byCauseCaption: 'Each complaint counts at the step it has reached.',
    cause: 'Cause',
    allCauses: 'All causes',
    noComplaints: 'No complaint was opened in the range.',
    qualityTitle: 'Relationship quality',
    qualityRule:
      'Relationship quality has four parts, each answered from 1 to 5 in surveys: trust (the customer believes our promises and goodwill), satisfaction, commitment (the wish to keep the relationship going) and the commercial friendship with the staff who serve them. Each month shows the mean of its answers.',
    surveys: 'Surveys with relationship items',
    qualityChart: 'Relationship quality by month',
    qualityCaption: 'The mean answer (1–5) to each item, in the months with answers.',
    byMonth: 'By month',
    month: 'Month',
    noSurveys: 'No survey in the range asked about the relationship.',
    hours: (value) => (value === null ? '—' : `${value} h`),
  },
  'zh-CN': {
    complaintsTitle: '投诉报表',
    complaintsRule:
      '统计区间内受理的投诉：按原因（产品质量、服务态度、受骗）分类，并按处理进度统计四个步骤——倾听客户的不满、记录要点并判定投诉是否成立、实施客户认可的补救方案、事后回访；同时统计从受理到关闭的小时数。投诉处理得好，客户就能留下来。',
    opened: '受理投诉',
    openNow: '尚未关闭',
    overdue: '当前超时',
    judgedValid: '判定成立',
    hoursToClose: '平均关闭用时（小时）',
    hoursHint: '已关闭的投诉',
    chart: '各原因的投诉',
    chartCaption: '区间内受理的投诉，未关闭与已关闭。',
    stillOpen: '未关闭',
    closed: '已关闭',
    byCause: '按原因和步骤',
    byCauseCaption: '每件投诉计入其目前所处的步骤。',
    cause: '原因',
    allCauses: '全部原因',
    noComplaints: '区间内没有受理投诉。',
    qualityTitle: '关系质量',
    qualityRule:
      '关系质量由四部分组成，客户在调查中按 1 至 5 分作答：信任感（相信我们的承诺和善意）、满意感、归属感（希望长期保持关系）以及与服务人员之间的商业友谊。每月显示当月答卷的平均分。',
    surveys: '含关系题目的调查',
    qualityChart: '各月关系质量',
    qualityCaption: '各题目的平均分（1–5），仅列出有答卷的月份。',
    byMonth: '按月',
    month: '月份',
    noSurveys: '区间内没有涉及关系质量的调查。',
    hours: (value) => (value === null ? '—' : `${value} 小时`),
  },
};
