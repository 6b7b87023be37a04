import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** The REST MemoryBackend client's types, generated (never committed) by `npm run generate:rest-client`, which `npm ci` runs as `prepare`. */
export const REST_CLIENT_TYPES_FILE = 'src/backends/clients/rest-api.ts';

/** TypeScript types (`paths`, `components`, `operations`) of an OpenAPI document, as openapi-fetch takes them. */
export async function restClientTypes(document: object): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(document as Parameters<typeof openapiTS>[0]));
}
