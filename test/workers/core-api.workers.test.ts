import { defineCoreScenarios } from '../scenarios/core-api.scenarios';
import { makeWorkerHarness } from './worker-harness';

defineCoreScenarios('workerd, D1, R2', () => makeWorkerHarness());
