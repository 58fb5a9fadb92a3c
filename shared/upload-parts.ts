/**
 * The part size of chunked uploads (docs/http-api.md), shared by the server, which enforces
 * it, and the console, which sends files larger than one part in parts. R2 wants every part
 * but the last of one size and at least 5 MiB (S3 the same minimum); 8 MiB keeps each request
 * far under Cloudflare's 100 MB body limit, a 300 MB file takes 38 requests (36 parts, start, complete), and a part cut
 * by hall Wi-Fi costs at most 8 MiB to send again.
 */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;
