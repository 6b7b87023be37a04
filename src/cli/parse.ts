import { InvalidArgumentError } from 'commander';

export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be an integer from 0 to 65535');
  return port;
}

export function parsePositiveInt(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('must be a positive integer');
  return value;
}

export function parseUnit(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new InvalidArgumentError('must be a number from 0 to 1');
  return value;
}

export function parseScore(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError('must be a number');
  return value;
}

/** `a,b c` → ['a', 'b', 'c'], accumulated over repeated flags. */
export function collectList(raw: string, previous: string[] = []): string[] {
  return [...previous, ...raw.split(/[\s,]+/).filter(Boolean)];
}
