import type { PluginContext } from '@guanxi/core';

/** The part of a plugin context that reading and writing this plugin's own facts needs. */
export type StoreContext = Pick<PluginContext, 'teamId' | 'db' | 'core' | 'clock' | 'timeZone'>;
