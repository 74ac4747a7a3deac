import {
  type ActionInput,
  type Customer,
  notFound,
  type PluginContext,
  validationError,
} from '@guanxi/core';
import type { Complaint } from '../complaints/complaint';
import { getComplaint } from '../complaints/store';
import type { ServiceConfig } from '../config';
import { CONSOLE_PHRASES } from './labels';

type Ctx = PluginContext<ServiceConfig>;

/** The complaint, if the viewer may see it (a rep, their own customers'); else GX_ERR_NOT_FOUND. */
export async function visibleComplaint(
  ctx: Ctx,
  viewer: ActionInput['viewer'],
  id: number,
): Promise<Complaint> {
  const complaint = await getComplaint(ctx, id);
  const customer = await ctx.core.customers.findFor(ctx.teamId, viewer, complaint.customerId);
  if (customer === undefined) throw notFound('complaint', 'id', id);
  return complaint;
}

/** The customer a form names, if the viewer may act for them; else an error at `customerId`. */
export async function visibleCustomer(
  ctx: Ctx,
  caller: ActionInput,
  customerId: number,
): Promise<Customer> {
  const customer = await ctx.core.customers.findFor(ctx.teamId, caller.viewer, customerId);
  if (customer !== undefined) return customer;
  throw validationError([{ path: 'customerId', message: CONSOLE_PHRASES[caller.locale].notYours }]);
}
