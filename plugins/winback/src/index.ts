import { definePlugin } from '@guanxi/core';
import { pAliveService } from '@guanxi/plugin-scoring';
import { tiersService } from '@guanxi/plugin-tiering';
import { configSchema } from './config';
import { complaintClosed } from './hooks/complaint-closed';
import { complaintOpened } from './hooks/complaint-opened';
import { complaintStepped } from './hooks/complaint-stepped';
import { customerChurned } from './hooks/customer-churned';
import { customerWonBack } from './hooks/customer-won-back';
import { detectJob } from './jobs/detect';
import { reportJob } from './jobs/report';
import * as tables from './migrations/0001-winback-tables';
import * as dropOrderDays from './migrations/0002-drop-order-days';
import * as churnRule from './migrations/0003-churn-rule';
import { winbackPanel } from './panel/winback-panel';
import { privacy } from './privacy';
import { routes } from './routes';
import { winbackTimeline } from './timeline';

export type { WinbackSlot } from './card-slots';
export type { Churn, KindChange } from './churns';
export type { WinbackConfig } from './config';
export type { DetectResult } from './detect';
export type { ChurnKind, KindSource, SignalKind } from './kinds';
export type { Playbook, Step } from './playbook/playbooks';
export type { Policy } from './policy';
export type { RateRow, RuleRow, WinbackReport } from './report';

export default definePlugin({
  id: 'winback',
  version: '1.0.0',
  description: 'Churn detection, churn kinds, win-back playbooks by tier and the win-back rate',
  dependsOn: { service: '^1.0.0', tiering: '^1.0.0', scoring: '^1.0.0' },
  uses: [tiersService, pAliveService],
  configSchema,
  migrations: {
    '0001-winback-tables': tables,
    '0002-drop-order-days': dropOrderDays,
    '0003-churn-rule': churnRule,
  },
  hooks: {
    'customer:churned': customerChurned,
    'customer:wonBack': customerWonBack,
    'complaint:opened': complaintOpened,
    'complaint:stepped': complaintStepped,
    'complaint:closed': complaintClosed,
  },
  jobs: { detect: detectJob, report: reportJob },
  panels: [winbackPanel],
  routes,
  privacy,
  timeline: winbackTimeline,
});
