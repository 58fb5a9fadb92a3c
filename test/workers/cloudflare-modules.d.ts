// The few workerd test modules the Workers suite uses, declared structurally so the
// whole repository type-checks with one tsconfig (DOM lib) without the global
// @cloudflare/workers-types, which would clash with it.
declare module 'cloudflare:workers' {
  export const env: import('../../server/runtime/workers/worker').WorkerEnv & {
    DB: import('./worker-harness').D1Like;
    /** An empty database of its own, for the first-admin test. */
    FIRST_ADMIN_DB: import('./worker-harness').D1Like;
    TEST_MIGRATIONS: { name: string; queries: string[] }[];
  };
}

declare module 'cloudflare:test' {
  interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
  }
  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function applyD1Migrations(db: unknown, migrations: { name: string; queries: string[] }[], migrationsTableName?: string): Promise<void>;
  export const SELF: { fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> };
}
