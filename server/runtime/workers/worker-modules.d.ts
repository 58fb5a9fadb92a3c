// Files wrangler bundles as Data modules (see [[rules]] in wrangler.toml): their bytes.
declare module '*.ttf' {
  const bytes: ArrayBuffer;
  export default bytes;
}
