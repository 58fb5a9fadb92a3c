import { request } from 'node:http';

/**
 * Uploads a PDF of `bytes` through the organizer API, generating the multipart
 * body as it is sent (never held in memory here either), with back-pressure.
 */
export async function streamBigUpload(baseUrl: string, path: string, cookie: string, bytes: number): Promise<{ status: number; body: string; ms: number }> {
  const boundary = '----qrhopbench' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Toàn văn tài liệu 1GB.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
  const tail = Buffer.from(`\n%%EOF\n\r\n--${boundary}--\r\n`);
  const fillerLength = bytes - 9 - 7; // the PDF is `bytes` long: header line + filler + %%EOF line
  const chunk = Buffer.alloc(1024 * 1024, '% filler line of a large scanned annex ............................\n');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + fillerLength + tail.length), cookie },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    const write = async () => {
      req.write(head);
      for (let sent = 0; sent < fillerLength; sent += chunk.length) {
        const piece = fillerLength - sent >= chunk.length ? chunk : chunk.subarray(0, fillerLength - sent);
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
      }
      req.end(tail);
    };
    write().catch(reject);
  });
}
