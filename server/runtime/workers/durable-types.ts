// The Durable Object and D1 surfaces this wing uses, typed structurally (the app does not
// depend on the global @cloudflare/workers-types, which clash with the DOM lib).

export interface DurableStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  put<T>(entries: Record<string, T>): Promise<void>;
  delete(keys: string[]): Promise<number>;
  list<T>(options: { prefix?: string; limit?: number }): Promise<Map<string, T>>;
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number): Promise<void>;
}

export interface DurableState {
  storage: DurableStorage;
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

/**
 * A Durable Object namespace binding. Its stubs are called by JS RPC (the object's public
 * methods, each answering a promise): under workerd a call costs a fraction of a stub.fetch(),
 * which carries the request and its answer as HTTP between the two (see docs/cloudflare.md).
 */
export interface DurableNamespace<Stub> {
  idFromName(name: string): unknown;
  get(id: unknown): Stub;
}

export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  run(): Promise<unknown>;
  all(): Promise<{ results: unknown[] }>;
}

export interface D1Binding {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<unknown[]>;
}
