import { definePlugin } from '@guanxi/core';
import { panel } from './panel';

export default definePlugin({
  id: 'my-plugin',
  version: '0.1.0',
  description: "A customer's orders at a glance, on the card",
  panels: [panel],
});
