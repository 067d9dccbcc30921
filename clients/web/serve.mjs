// A static server for trying the page locally: clients/web at /, the client library (clients/js/src) at /lib/client/,
// the same layout a static deployment uses. No dependencies. Usage: node serve.mjs [port] (default 8081).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(fileURLToPath(new URL('.', import.meta.url)));
const roots = [
  { prefix: '/lib/client/', dir: join(here, '..', 'js', 'src') },
  { prefix: '/', dir: here },
];
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };
// Only what a browser needs: no tests, no package files, no dotfiles.
const servable = /^(?!.*\/(test|node_modules)\/)(?!.*\/\.)[\w./-]+\.(html|js|css|json|png|svg)$/;

const port = Number(process.argv[2] ?? process.env.PORT ?? 8081);
createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const wanted = path === '/' ? '/index.html' : path;
  const root = roots.find((r) => wanted.startsWith(r.prefix));
  const file = normalize(join(root.dir, wanted.slice(root.prefix.length)));
  if (request.method !== 'GET' || !servable.test(wanted) || /package(-lock)?\.json$/.test(wanted) || !file.startsWith(root.dir + sep)) {
    response.writeHead(404).end();
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
  createReadStream(file).pipe(response);
}).listen(port, '127.0.0.1', () => console.log(`MangaAssist chat page: http://127.0.0.1:${port}/`));
