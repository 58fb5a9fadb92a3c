/** A refusal from the API: `{"error":{"code","message",...}}`, or a network failure (status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: { field?: string; file?: string } = {},
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

let onLoginLost: () => void = () => {};

/** Called on any 401 outside the login itself: the app shows the login screen with an "expired" notice. */
export function whenLoginLost(handler: () => void) {
  onLoginLost = handler;
}

export function failureFrom(status: number, body: unknown): ApiFailure {
  const error = (body as { error?: { code?: string; message?: string; field?: string; file?: string } } | null)?.error;
  return new ApiFailure(status, error?.code ?? `http_${status}`, error?.message ?? `HTTP ${status}`, { field: error?.field, file: error?.file }, body);
}

export function noteLoginLost(path: string, status: number) {
  if (status === 401 && path !== '/api/auth/login') onLoginLost();
}

/** JSON request to the organizer API; throws ApiFailure on any non-2xx answer. */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, 'network', 'Network error');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    noteLoginLost(path, res.status);
    throw failureFrom(res.status, data);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
