import { afterAll } from 'vitest';
import { createNodeServer } from '../server/runtime/node/node-delegate-lane';
import { defineCoreScenarios } from './scenarios/core-api.scenarios';
import { makeNodeApp, type NodeTestApp } from './support/node-app';
import { listen, rawFetch } from './support/raw-fetch';

const apps: NodeTestApp[] = [];
const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
  for (const app of apps) await app.close();
});

const makeApp = async () => {
  const app = await makeNodeApp();
  apps.push(app);
  return app;
};

defineCoreScenarios('Node, better-sqlite3, local disk', makeApp);

// The same scenarios over real HTTP through the Node entry's server: its direct lane
// answers the delegate pages and documents, the app everything else.
defineCoreScenarios('Node entry over HTTP, delegate lane', async () => {
  const app = await makeApp();
  const server = await listen(createNodeServer(app.deps, app.app.fetch));
  servers.push(server);
  return { ...app, fetch: (path, init) => rawFetch(server.base + path, init) };
});
