/** Prints `value` as JSON with --json, else as the readable text `render` makes. */
export function printResult<T>(json: boolean | undefined, value: T, render: (value: T) => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${render(value)}\n`);
}

/** One line of progress on stderr (overwritten in place on a terminal). */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
  else process.stderr.write(`${message}\n`);
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
}
