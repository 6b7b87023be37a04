/** Writes the REST client's types from the server's OpenAPI document (`npm run generate:rest-client`, and on `npm install` / `npm ci`). */
import fs from 'node:fs';
import { createRestApi, openApiDocument } from '../src/server/rest-api.js';
import { REST_CLIENT_TYPES_FILE, restClientTypes } from './rest-client-types.js';

// The document describes the routes only; no store is opened, so readiness is never asked.
const document = openApiDocument(createRestApi(async () => {}));
fs.writeFileSync(REST_CLIENT_TYPES_FILE, await restClientTypes(document));
process.stdout.write(`wrote ${REST_CLIENT_TYPES_FILE}\n`);
