import { afterAll } from 'vitest';
import { defineCoreScenarios } from './scenarios/core-api.scenarios';
import { makeNodeApp, type NodeTestApp } from './support/node-app';

let app: NodeTestApp | undefined;
afterAll(() => app?.close());

defineCoreScenarios('Node, better-sqlite3, local disk', async () => (app = await makeNodeApp()));
