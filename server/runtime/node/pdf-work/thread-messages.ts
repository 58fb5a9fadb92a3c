/** What the server's thread and a PDF thread say to each other (pdf-thread-pool.ts, pdf-thread.ts). */
export type FromServer =
  | { type: 'run'; id: number; task: string; input: unknown }
  | { type: 'file'; readId: number; bytes: Uint8Array | null }
  | { type: 'file'; readId: number; error: string };

export type ToServer =
  | { type: 'read'; id: number; readId: number; storageKey: string }
  | { type: 'done'; id: number; output: unknown }
  | { type: 'failed'; id: number; message: string };
