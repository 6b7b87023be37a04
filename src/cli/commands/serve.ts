import type { Command } from 'commander';
import { startServer } from '../../server/start.js';
import { globalOptions, openMem } from '../global-options.js';
import { parsePort } from '../parse.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (/v1), MCP (/mcp) and health checks; the embedded store unless DATABASE_URL is set')
    .option('--host <host>', 'interface to bind (only 127.0.0.1 without API keys)', '127.0.0.1')
    .option('--port <port>', 'port (default PORT, else 8787; 0 picks a free one)', parsePort)
    .action(async (options: { host: string; port?: number }, command: Command) => {
      const mem = await openMem(globalOptions(command), 'info');
      const server = await startServer({ mem, host: options.host, port: options.port });
      const mode = server.localOnly ? ' (local-only mode: no API keys configured, loopback only)' : '';
      process.stdout.write(`agent-mem listening on ${server.url}${mode}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      await mem.close();
    });
}
