import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** An MCP client over stdio to `agent-mem mcp` run as a child process with `env`. */
export async function stdioClient(env: NodeJS.ProcessEnv): Promise<Client> {
  const childEnv = Object.fromEntries(Object.entries({ ...process.env, AGENT_MEM_LOG_LEVEL: 'warn', ...env }).filter((e): e is [string, string] => e[1] !== undefined));
  delete childEnv.NODE_TEST_CONTEXT;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', 'src/cli/main.ts', 'mcp'], env: childEnv, stderr: 'inherit' });
  const client = new Client({ name: 'agent-mem-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** An MCP client over streamable HTTP to `<baseUrl>/mcp` with an API key. */
export async function httpClient(baseUrl: string, key?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), {
    requestInit: key ? { headers: { authorization: `Bearer ${key}` } } : {},
  });
  const client = new Client({ name: 'agent-mem-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/**
 * Calls a tool: `value` is its `structuredContent` when it has one (tools a model reads answer short
 * text beside it), else its JSON text parsed; an `isError` answer's structured `{ code, message, issues? }` comes back as `error`.
 */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<{ isError: boolean; text: string; value: any; error: any }> {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: Array<{ type: string; text?: string }>;
    structuredContent?: { error?: unknown };
  };
  const text = result.content.map((c) => c.text ?? '').join('\n');
  let value: unknown = result.isError ? undefined : result.structuredContent;
  if (value === undefined) {
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
  }
  return { isError: result.isError === true, text, value, error: result.structuredContent?.error };
}
