// Files wrangler bundles as Data modules (see [[rules]] in wrangler.toml): their bytes.
declare module '*.ttf' {
  const bytes: ArrayBuffer;
  export default bytes;
}

// workerd's base class for a Durable Object whose public methods are called by JS RPC
// (typed structurally, as durable-types.ts does for the rest).
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: import('./durable-types').DurableState;
    protected env: Env;
    constructor(ctx: import('./durable-types').DurableState, env: Env);
  }
}
