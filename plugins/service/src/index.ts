import { definePlugin } from '@guanxi/core';
import { tiersService } from '@guanxi/plugin-tiering';
import { configSchema } from './config';
import * as tables from './migrations/0001-service-tables';
import { complaintsPanel } from './panel/complaints-panel';
import { privacy } from './privacy';
import { routes } from './routes';
import { serviceTimeline } from './timeline';

export type { ComplaintsSlot, OpenComplaintSlot } from './card-slots';
export type { Cause, Complaint, ComplaintStep, Step, Tier } from './complaints/complaint';
export type { ServiceConfig } from './config';
export type { ComplaintEvent } from './events';
export type { CsatMeasure, NpsMeasure, RelationshipQuality } from './measures/compute';
export type { CustomerMeasures, TeamMeasures } from './measures/measures';
export type { Gauge, Survey } from './surveys/survey';

export default definePlugin({
  id: 'service',
  version: '1.0.0',
  description: 'Complaints in four steps with response times by tier, surveys and satisfaction',
  dependsOn: { tiering: '^1.0.0' },
  uses: [tiersService],
  configSchema,
  migrations: { '0001-service-tables': tables },
  events: ['complaint:opened', 'complaint:stepped', 'complaint:closed'],
  panels: [complaintsPanel],
  routes,
  privacy,
  timeline: serviceTimeline,
});
