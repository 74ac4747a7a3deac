import { definePlugin } from '@guanxi/core';
import { welcome } from './hook';

export default definePlugin({
  id: 'my-plugin',
  version: '0.1.0',
  description: 'Logs a welcome note for every new customer',
  hooks: { 'customer:created': welcome },
});
