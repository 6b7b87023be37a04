import { z } from '@hono/zod-openapi';

/** Every error the server answers: a machine-readable code, a message, and for bad input each field. */
export const errorBodySchema = z
  .object({
    error: z.object({
      /** `validation`, `unauthorized`, `not_found`, `conflict`, `payload_too_large`, `unsupported_media_type`, `unavailable`, `internal`. */
      code: z.string(),
      message: z.string(),
      requestId: z.string().optional(),
      issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
    }),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof errorBodySchema>;
