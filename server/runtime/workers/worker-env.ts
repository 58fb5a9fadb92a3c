import { drizzle } from 'drizzle-orm/d1';
import type { Db } from '../../db/database';
import * as schema from '../../db/schema';
import type { SheetFonts } from '../../ports/sheet-fonts';
import { d1Of } from './d1-binding';
import type { CodeDirectoryStub } from './code-directory';
import type { AttemptCounterStub } from './attempt-counter';
import type { DurableNamespace } from './durable-types';
import type { MeetingStub } from './meeting-object';
import type { R2BucketBinding } from './r2-store';
// Data modules (wrangler.toml [[rules]]): the sheet fonts' bytes, bundled.
import boldFont from '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf';
import regularFont from '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf';

export const sheetFonts: SheetFonts = { regular: new Uint8Array(regularFont), bold: new Uint8Array(boldFont) };

/** What wrangler.toml binds (typed structurally: the app does not depend on global Workers types). */
export interface WorkerEnv {
  DB: unknown;
  DOCUMENTS: R2BucketBinding;
  ASSETS?: { fetch(request: Request): Promise<Response> };
  /** One Durable Object per meeting: its delegate pages, access log and PIN counts (meeting-object.ts). */
  MEETINGS?: DurableNamespace<MeetingStub>;
  /** Token → meeting, in 64 shards (code-directory.ts). */
  CODE_DIRECTORY?: DurableNamespace<CodeDirectoryStub>;
  /** One Durable Object per counted key: failed logins (attempt-counter.ts). */
  ATTEMPTS?: DurableNamespace<AttemptCounterStub>;
  PUBLIC_URL?: string;
  MAX_UPLOAD_MB?: string;
  RETENTION_DAYS?: string;
  QRHOP_ADMIN_EMAIL?: string;
  QRHOP_ADMIN_PASSWORD?: string;
  QRHOP_SECRET?: string;
  /** Trusted root certificates for signed PDFs, PEM text (docs/signatures.md). */
  SIGNATURE_TRUST_ANCHORS_PEM?: string;
}

/** drizzle over the (possibly tapped) D1 binding. */
export const dbOf = (env: WorkerEnv): Db => drizzle(d1Of(env.DB) as unknown as Parameters<typeof drizzle>[0], { schema }) as unknown as Db;
