import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface PageRow {
  page: number;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  text: string;
  storage_key: string;
}

/** A running (or stopped) Node server's rendition pages of a document, read from its SQLite file. */
export function inspectRendition(dataDir: string, documentId: string): PageRow[] {
  const db = new Database(join(dataDir, 'qrhop.db'), { readonly: true });
  try {
    return db.prepare('select page, content_type, width, height, bytes, text, storage_key from rendition_pages where document_id = ? and page < 1000 order by page').all(documentId) as PageRow[];
  } finally {
    db.close();
  }
}
