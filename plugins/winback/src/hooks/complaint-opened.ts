import type { HookHandler } from '@guanxi/core';
import { keepComplaints } from '../complaints';
import type { WinbackConfig } from '../config';

/** Records a new complaint as open; a churn while it is open is retaliatory. */
export const complaintOpened: HookHandler<'complaint:opened', WinbackConfig> = async (
  event,
  ctx,
) => {
  await keepComplaints(ctx, event.items);
};
