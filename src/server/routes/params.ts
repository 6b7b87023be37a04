import { z } from '@hono/zod-openapi';
import { externalIdSchema, idSchema } from '../../model/schemas/common.js';
import { factKeySchema } from '../../model/schemas/fact.js';

/** The path values of each kind of resource, validated like the library's inputs. */
export const scopeParams = z.object({ externalId: externalIdSchema });
export const memoryParams = scopeParams.extend({ memoryId: idSchema });
export const sectionParams = memoryParams.extend({ sectionId: idSchema });
export const episodeParams = scopeParams.extend({ episodeId: idSchema });
export const runParams = scopeParams.extend({ runId: idSchema });
export const factParams = scopeParams.extend({ key: factKeySchema });
