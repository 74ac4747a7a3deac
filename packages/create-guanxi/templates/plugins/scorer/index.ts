import { definePlugin } from '@guanxi/core';
import { configSchema } from './config';
import { panel, scorer } from './scorer';

export type { MyPluginConfig } from './config';

export default definePlugin({
  id: 'my-plugin',
  version: '0.1.0',
  description: 'Scores customers by revenue and orders',
  // The scoring plugin runs scorers and stores their scores.
  dependsOn: { scoring: '^1.0.0' },
  configSchema,
  scorers: [scorer],
  panels: [panel],
});
