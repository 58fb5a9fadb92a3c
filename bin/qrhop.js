#!/usr/bin/env node
// The `qrhop` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../server/runtime/node/cli/main.ts');
