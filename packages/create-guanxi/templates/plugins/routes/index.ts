import { definePlugin } from '@guanxi/core';
import { routes } from './routes';

export default definePlugin({
  id: 'my-plugin',
  version: '0.1.0',
  description: "Counts the team's customers over HTTP",
  routes,
});
