import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A source tree to run `agent-mem serve` from: this checkout, or a git ref checked out beside it. */
export interface ServerSource {
  label: string;
  dir: string;
  remove(): void;
}

export const currentSource = (): ServerSource => ({ label: `this tree (${revision(process.cwd())}${dirty() ? ', uncommitted changes' : ''})`, dir: process.cwd(), remove: () => {} });

/** `ref` in a temporary `git worktree`, using this checkout's node_modules. */
export function sourceAt(ref: string): ServerSource {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mem-bench-ref-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { stdio: 'ignore' });
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    label: `${ref} (${revision(dir)})`,
    dir,
    remove: () => execFileSync('git', ['worktree', 'remove', '--force', dir], { stdio: 'ignore' }),
  };
}

function revision(dir: string): string {
  return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

function dirty(): boolean {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
}

export interface RunningServer {
  url: string;
  /** SIGTERM; resolves once the process has exited (it answers what it holds first). */
  stop(): Promise<void>;
}

/** `agent-mem serve --port 0` from `source`, with `env` added (and `nodeArgs`, e.g. --cpu-prof); resolves once it listens. */
export async function startServer(source: ServerSource, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<RunningServer> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AGENT_MEM_LOG_LEVEL: 'warn', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], { cwd: source.dir, env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server from ${source.dir} exited with ${code}`)));
  });
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
