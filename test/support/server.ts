import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { StoreKind } from './stores.js';
import { tempDir } from './stores.js';
import { createCitusTestDatabase } from './citus.js';
import { createTestDatabase } from './postgres.js';

/** Environment that points a child process at a fresh store of `kind`. */
export async function storeEnv(kind: StoreKind | 'citus'): Promise<NodeJS.ProcessEnv> {
  if (kind === 'sqlite') return { AGENT_MEM_DIR: tempDir() };
  return { DATABASE_URL: kind === 'citus' ? await createCitusTestDatabase() : await createTestDatabase() };
}

/** Runs the CLI (`node --import tsx src/cli/main.ts ...`) with `env` added to this process's. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AGENT_MEM_LOG_LEVEL: 'warn', ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface ServerProcess {
  url: string;
  /** What `serve` printed when it started listening. */
  banner: string;
  port: number;
  /** Stops the process (SIGTERM, or SIGKILL to simulate a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store. */
  restart(): Promise<void>;
  /** Sends a signal without waiting, e.g. SIGSTOP / SIGCONT to make it hang and come back. */
  signal(signal: NodeJS.Signals): void;
}

async function listen(env: NodeJS.ProcessEnv, port: number, args: string[]): Promise<{ child: ChildProcess; url: string; stdout: string }> {
  const child = spawnCli(['serve', '--port', String(port), ...args], env);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return { child, url, stdout };
}

/** A real `agent-mem serve` process on a free loopback port over `env`'s store; `args` go to `serve`. */
export async function startServerProcess(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ServerProcess> {
  let current = await listen(env, 0, args);
  const port = Number(new URL(current.url).port);
  const server: ServerProcess = {
    url: current.url,
    banner: current.stdout,
    port,
    async stop(signal = 'SIGTERM') {
      const { child } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
    async restart() {
      current = await listen(env, port, args);
    },
    signal(signal) {
      current.child.kill(signal);
    },
  };
  process.once('exit', () => current.child.kill('SIGKILL'));
  return server;
}
