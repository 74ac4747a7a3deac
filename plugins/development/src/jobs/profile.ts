import type { JobDefinition } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { computeProfile } from '../fit/profile';

export const profileJob: JobDefinition<DevelopmentConfig> = {
  description: 'Profiles the top customers the fit scorer compares prospects with',
  run: (ctx) => computeProfile(ctx),
};
