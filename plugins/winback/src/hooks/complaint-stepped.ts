import type { HookHandler } from '@guanxi/core';
import { keepComplaints } from '../complaints';
import type { WinbackConfig } from '../config';

/** Keeps the complaint's step current. */
export const complaintStepped: HookHandler<'complaint:stepped', WinbackConfig> = async (
  event,
  ctx,
) => {
  await keepComplaints(ctx, event.items);
};
