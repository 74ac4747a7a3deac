import { normaliseTime } from '@guanxi/core';
import { z } from 'zod';

/** An ISO-8601 date or date-time, stored as UTC text like the core's own times. */
export const isoTime = z.string().transform((input, ctx) => {
  const time = normaliseTime(input);
  if (time === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an ISO-8601 date or time such as 2024-05-01',
    });
    return z.NEVER;
  }
  return time;
});
