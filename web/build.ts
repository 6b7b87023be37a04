/**
 * Bundles the inspector (web/src → dist/inspector): one ES module, one stylesheet and the page,
 * with nothing loaded from another host. Run by `npm run build` and by the inspector tests.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const webDir = path.dirname(fileURLToPath(import.meta.url));
export const INSPECTOR_OUT_DIR = path.join(webDir, '..', 'dist', 'inspector');

export async function buildInspector(outDir = INSPECTOR_OUT_DIR): Promise<void> {
  await build({
    entryPoints: [path.join(webDir, 'src', 'inspector.ts'), path.join(webDir, 'src', 'inspector.css')],
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  await fs.copyFile(path.join(webDir, 'index.html'), path.join(outDir, 'index.html'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildInspector();
  process.stdout.write(`inspector built into ${path.relative(process.cwd(), INSPECTOR_OUT_DIR)}\n`);
}
