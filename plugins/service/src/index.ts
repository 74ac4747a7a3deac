import { definePlugin, provide } from '@guanxi/core';
import { tiersService } from '@guanxi/plugin-tiering';
import { configSchema } from './config';
import { complaintPage } from './console/complaint-page';
import { complaintQueuePage } from './console/queue-page';
import * as tables from './migrations/0001-service-tables';
import * as queueIndex from './migrations/0002-queue-index';
import * as surveyMeasures from './migrations/0003-survey-measures';
import { complaintsPanel } from './panel/complaints-panel';
import { privacy } from './privacy';
import { complaintsReport } from './reports/complaints-report';
import { measuresService, serviceMeasures } from './reports/measures-service';
import { relationshipReport } from './reports/relationship-report';
import { routes } from './routes';
import { serviceTimeline } from './timeline';

export type { ComplaintsSlot, OpenComplaintSlot } from './card-slots';
export type { Cause, Complaint, ComplaintStep, Step, Tier } from './complaints/complaint';
export type { ServiceConfig } from './config';
export type { ComplaintEvent } from './events';
export {
  type CsatMeasure,
  complaintRate,
  type NpsMeasure,
  type RelationshipQuality,
  returnRate,
} from './measures/compute';
export type { CustomerMeasures, TeamMeasures } from './measures/measures';
export {
  type AnsweredMean,
  type ComplaintFigures,
  type MeasureRange,
  measuresService,
  type ServiceMeasures,
  type SurveyFigures,
} from './reports/measures-service';
export type { Gauge, Survey } from './surveys/survey';

export default definePlugin({
  id: 'service',
  version: '1.0.0',
  description: 'Complaints in four steps with response times by tier, surveys and satisfaction',
  dependsOn: { tiering: '^1.0.0' },
  uses: [tiersService],
  configSchema,
  // Two branches each made a 0002: both names stay, so a database migrated on either upgrades.
  migrations: {
    '0001-service-tables': tables,
    '0002-queue-index': queueIndex,
    '0003-survey-measures': surveyMeasures,
  },
  events: ['complaint:opened', 'complaint:stepped', 'complaint:closed'],
  panels: [complaintsPanel],
  routes,
  privacy,
  timeline: serviceTimeline,
  provides: [provide(measuresService, serviceMeasures)],
  pages: [complaintQueuePage, complaintPage, complaintsReport, relationshipReport],
});
