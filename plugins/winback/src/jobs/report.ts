import type { JobDefinition } from '@guanxi/core';
import type { WinbackConfig } from '../config';
import { winbackReport } from '../report';

export const reportJob: JobDefinition<WinbackConfig> = {
  description: 'Win-back rate by churn kind, tier and playbook',
  run: async (ctx) => ({ ...(await winbackReport(ctx)) }),
};
