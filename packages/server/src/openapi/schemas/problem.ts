import { z } from 'zod';

/** RFC 9457, as every error of the API is sent. */
export const problemSchema = z
  .looseObject({
    type: z.string().meta({ description: '`urn:guanxi:problem:<code>`' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'What went wrong, for a person' }),
    code: z.string().meta({ description: 'GX_ERR_…, for a program' }),
    instance: z.string(),
    errors: z
      .array(
        z.strictObject({
          path: z.string().meta({ description: 'The field, dotted: `orders.3.amount`' }),
          pointer: z.string().meta({ description: 'The field as a JSON pointer (RFC 6901)' }),
          detail: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'Each bad field of the request' }),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem document; a vetoed transition adds `reason` and `plugin`',
    example: {
      type: 'urn:guanxi:problem:GX_ERR_VALIDATION',
      title: 'Invalid request',
      status: 400,
      detail: 'Invalid input: amount: must be a whole number of minor units',
      code: 'GX_ERR_VALIDATION',
      instance: '/v1/teams/1/orders',
      errors: [
        { path: 'amount', pointer: '/amount', detail: 'must be a whole number of minor units' },
      ],
    },
  });
