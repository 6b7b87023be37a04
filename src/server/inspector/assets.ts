import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` puts the bundled inspector: <package>/dist/inspector. This file sits three
 * levels below the package root both as src/server/inspector and as dist/server/inspector.
 */
export const DEFAULT_INSPECTOR_DIR = fileURLToPath(new URL('../../../dist/inspector/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface Asset {
  body: Uint8Array;
  contentType: string;
}

/** A built file by its path under the inspector folder; undefined when it is not there. */
export async function readAsset(dir: string, relativePath: string): Promise<Asset | undefined> {
  const contentType = CONTENT_TYPES[path.extname(relativePath)];
  const full = path.resolve(dir, relativePath);
  if (!contentType || !full.startsWith(path.resolve(dir) + path.sep)) return undefined;
  try {
    return { body: await fs.readFile(full), contentType };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
