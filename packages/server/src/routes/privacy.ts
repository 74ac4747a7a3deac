import { actorOf, teamIdOf } from '../auth/team-access';
import { defineRoute, json } from '../openapi/define-route';
import { customerExportSchema, erasureSummarySchema } from '../openapi/schemas/privacy';
import { routesApp } from '../validate';
import { customerParams } from './params';

export const privacyDefinitions = {
  export: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/customers/{customerId}/export',
    operationId: 'exportCustomer',
    summary: "Everything stored about a customer, plugins' data included, as a JSON download",
    tags: ['Privacy'],
    role: 'manager',
    request: { params: customerParams },
    responses: { 200: json('The export; recorded in the audit log', customerExportSchema) },
  }),
  erase: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/customers/{customerId}/erase',
    operationId: 'eraseCustomer',
    summary:
      'Erase a customer’s personal data in one transaction, keeping anonymous figures; audited',
    tags: ['Privacy'],
    role: 'admin',
    request: { params: customerParams },
    responses: { 200: json('What the erasure changed', erasureSummarySchema) },
  }),
};

const d = privacyDefinitions;

/** A customer's rights over their data: a copy of everything stored, and erasure. */
export function privacyRoutes() {
  return routesApp()
    .openapi(d.export, async (c) => {
      const { customerId } = c.req.valid('param');
      const exported = await c.var.core.privacy.export(teamIdOf(c), customerId, {
        actor: actorOf(c),
      });
      c.header('content-disposition', `attachment; filename="customer-${customerId}.json"`);
      return c.json(exported, 200);
    })
    .openapi(d.erase, async (c) => {
      const { customerId } = c.req.valid('param');
      return c.json(await c.var.core.privacy.erase(teamIdOf(c), customerId, actorOf(c)), 200);
    });
}
