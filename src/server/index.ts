export { createApp, DEFAULT_MAX_BODY_BYTES, type AppOptions } from './app.js';
export type { AppEnv } from './env.js';
export { startServer, DEFAULT_PORT, type RunningServer, type StartServerOptions } from './start.js';
export { parseApiKeys, type ApiKeys } from './api-keys.js';
export { createMcpServer, memoryTools } from './mcp/server.js';
export { serveMcpOverStdio } from './mcp/stdio.js';
export { handleMcpRequest } from './mcp/http.js';
