import type { PluginContext } from '@guanxi/core';
import type { ServiceConfig } from './config';

/** The part of a plugin context that this plugin's reads and writes need. */
export type ServiceContext = Pick<
  PluginContext<ServiceConfig>,
  'teamId' | 'db' | 'core' | 'clock' | 'config' | 'emit' | 'timeZone' | 'use'
>;
