import type { JobDefinition } from '@guanxi/core';
import type { WinbackConfig } from '../config';
import { detectChurn } from '../detect';

export const detectJob: JobDefinition<WinbackConfig> = {
  description: 'Moves active customers who have stopped buying to churned (P(alive) or order gaps)',
  run: async (ctx) => ({ ...(await detectChurn(ctx)) }),
};
