import { definePlugin } from '@guanxi/core';
import { loyaltyMeasuresService } from '@guanxi/plugin-loyalty';
import { measuresService } from '@guanxi/plugin-service';
import { churnsService } from '@guanxi/plugin-winback';
import { repFiguresReport } from './rep-figures/rep-figures-report';
import { retentionReport } from './retention/retention-report';
import { satisfactionReport } from './satisfaction/satisfaction-report';
import { satisfactionLoyaltyReport } from './satisfaction-loyalty/satisfaction-loyalty-report';

/**
 * The textbooks' measures that cut across plugins, as console reports: customer
 * satisfaction, satisfaction against loyalty, retention and each rep's figures. It keeps no
 * tables: it reads the service, loyalty and win-back plugins through their services and the
 * core's orders, customers and interactions.
 */
export default definePlugin({
  id: 'reports',
  version: '1.0.0',
  description: 'Satisfaction, satisfaction × loyalty, retention and each rep’s figures as reports',
  dependsOn: { service: '^1.0.0', loyalty: '^1.0.0', winback: '^1.0.0' },
  uses: [measuresService, loyaltyMeasuresService, churnsService],
  // It stores nothing about a customer: its export is empty and there is nothing to erase.
  privacy: { export: async () => ({}) },
  pages: [satisfactionReport, satisfactionLoyaltyReport, retentionReport, repFiguresReport],
});
