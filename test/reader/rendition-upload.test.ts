import { and, eq } from 'drizzle-orm';
import { afterAll } from 'vitest';
import { renditionPages } from '../../server/db/schema';
import { defineRenditionUploadScenarios } from '../scenarios/rendition-upload.scenarios';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';

const apps: NodeTestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

// A Node server without poppler says it renders no PDF: the same API as on Workers, which the CLI uses.
defineRenditionUploadScenarios('Node, better-sqlite3, local disk', async () => {
  const app = await makeNodeApp();
  app.deps.readerRuntime = { renders: { pdf: false, office: false, word: true } };
  apps.push(app);
  return {
    ...app,
    pageRows: async (documentId, version) => app.db.db.select().from(renditionPages)
      .where(and(eq(renditionPages.documentId, documentId), eq(renditionPages.version, version))).orderBy(renditionPages.page),
  };
});
