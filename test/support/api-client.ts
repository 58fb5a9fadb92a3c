/** A cookie-keeping client over any fetch-like function (app.request on Node, SELF/app.fetch in workerd). */
export type FetchLike = (path: string, init?: RequestInit) => Promise<Response>;

export class ApiClient {
  private cookies = new Map<string, string>();

  constructor(private readonly send: FetchLike, private readonly headers: Record<string, string> = {}) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.send(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
  }

  get = <T = any>(path: string) => this.json<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.json<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.json<T>('PATCH', path, body);
  put = <T = any>(path: string, body: unknown) => this.json<T>('PUT', path, body);
  del = <T = any>(path: string) => this.json<T>('DELETE', path);

  async login(email: string, password: string) {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.user;
  }

  /** Multipart upload of named files: [{ name, bytes, type? }], plus extra text fields. */
  async upload(path: string, files: { name: string; bytes: Uint8Array; type?: string }[], fields: Record<string, string> = {}, method = 'POST') {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('file', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'application/octet-stream' }));
    const res = await this.fetch(path, { method, body: form });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, res };
  }
}
