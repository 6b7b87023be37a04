import { Hono, type Context } from 'hono';
import { DEFAULT_INSPECTOR_DIR, readAsset } from './assets.js';

export interface InspectorOptions {
  /** The folder `npm run build` bundled the inspector into (default <package>/dist/inspector). */
  assetsDir?: string;
}

/** The page may load and call nothing but this server. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>agent-mem inspector</title>
<p>The web inspector's assets are not built. Run <code>npm run build</code> (or <code>npx tsx web/build.ts</code>) and reload.</p>`;

/**
 * The web inspector: its page at `/` and its bundled assets under `/assets/`, served from the built
 * folder. It talks to the REST API under /v1 with the API key the user enters.
 */
export function createInspector(options: InspectorOptions = {}): Hono {
  const dir = options.assetsDir ?? DEFAULT_INSPECTOR_DIR;
  const serve = async (c: Context, relativePath: string) => {
    const asset = await readAsset(dir, relativePath);
    if (!asset) return relativePath === 'index.html' ? c.html(NOT_BUILT, 503) : c.notFound();
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': asset.contentType,
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  };
  const inspector = new Hono();
  inspector.get('/', (c) => serve(c, 'index.html'));
  inspector.get('/assets/:file', (c) => serve(c, `assets/${c.req.param('file')}`));
  return inspector;
}
