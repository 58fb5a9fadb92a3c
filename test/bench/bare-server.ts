/**
 * The baseline: a bare node:http server doing the least a server can do for the
 * same requests. Pages: the same bytes and headers, from memory. Documents
 * (/s/…/d/…): the same file streamed with fs.createReadStream, with Range.
 * Run as its own process (like the real server), config file path in argv[2].
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';

export interface BareConfig {
  page: { headers: Record<string, string>; bodyBase64: string };
  document: { path: string; headers: Record<string, string> };
}

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BareConfig;
const pageBody = Buffer.from(config.page.bodyBase64, 'base64');
const pageHeaders = { ...config.page.headers, 'content-length': String(pageBody.length) };
const fileSize = statSync(config.document.path).size;

const server = createServer((req, res) => {
  if (!req.url?.includes('/d/')) {
    res.writeHead(200, pageHeaders);
    res.end(pageBody);
    return;
  }
  const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const start = match ? Number(match[1]) : 0;
  const end = match && match[2] ? Math.min(Number(match[2]), fileSize - 1) : fileSize - 1;
  const headers: Record<string, string> = { ...config.document.headers, 'content-length': String(end - start + 1) };
  if (match) headers['content-range'] = `bytes ${start}-${end}/${fileSize}`;
  res.writeHead(match ? 206 : 200, headers);
  createReadStream(config.document.path, { start, end }).pipe(res);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
