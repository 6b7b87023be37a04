import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';

/** A child process running a test/support script (`node --import tsx`) and the lines it prints. */
export class Child {
  private readonly lines: string[] = [];
  private readonly waiters: Array<() => void> = [];
  private exitCode: number | null | undefined;
  readonly exited: Promise<number | null>;
  private readonly process: ChildProcessWithoutNullStreams;

  constructor(script: string, args: object) {
    this.process = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], { stdio: 'pipe' });
    this.process.stderr.pipe(process.stderr);
    readline.createInterface({ input: this.process.stdout }).on('line', (line) => {
      this.lines.push(line);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code) => {
        this.exitCode = code;
        this.waiters.splice(0).forEach((wake) => wake());
        resolve(code);
      }),
    );
  }

  /** Resolves with the first printed line that `match` accepts; rejects if the child exits without printing it. */
  async waitFor(match: (line: string) => boolean): Promise<string> {
    for (;;) {
      const found = this.lines.find(match);
      if (found !== undefined) return found;
      if (this.exitCode !== undefined) throw new Error(`the child exited (${this.exitCode}) without printing the line awaited`);
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** How many printed lines `match` accepts so far. */
  count(match: (line: string) => boolean): number {
    return this.lines.filter(match).length;
  }

  go(): void {
    this.process.stdin.write('go\n');
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }
}
