export interface ConsoleAsset {
  body: Uint8Array;
  type: string;
  immutable: boolean;
}

/**
 * Built console files by path under /admin ('/index.html', '/assets/…'); a Map
 * qualifies. In memory on Node, through the ASSETS binding on Workers.
 */
export interface ConsoleAssets {
  get(path: string): ConsoleAsset | undefined | Promise<ConsoleAsset | undefined>;
}
