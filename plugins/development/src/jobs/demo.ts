import type { JobDefinition } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { seedDemoPipeline } from '../demo/demo-pipeline';

export const demoJob: JobDefinition<DevelopmentConfig> = {
  description: 'Fills a demo team’s empty pipeline and library from its own customers',
  run: (ctx) => seedDemoPipeline(ctx),
};
