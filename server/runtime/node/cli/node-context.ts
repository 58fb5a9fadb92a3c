import { parseConfig } from '../config';
import { loadEnvFile } from '../env-file';
import { lanAddress, openDatabase, openStore } from '../node-ports';

/** The configuration the CLI runs with: the same environment variables (and .env file) as the server. */
export const nodeConfig = () => {
  loadEnvFile();
  return parseConfig(process.env, lanAddress());
};

export const openNodeDatabase = () => openDatabase(nodeConfig());

// The CLI may run while the server does: never clear the store's uploads in flight.
export const openNodeStore = () => openStore(nodeConfig(), { alongsideServer: true });
