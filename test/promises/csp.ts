/**
 * A Content-Security-Policy header as directive → sources, so two policies compare directive by
 * directive (a prefix match such as /script-src 'self'/ would let 'unsafe-inline' through).
 */
export function parseCsp(header: string | null): Record<string, string[]> {
  const policy: Record<string, string[]> = {};
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (name.toLowerCase() in policy) throw new Error(`CSP names ${name} twice: browsers ignore the second`);
    policy[name.toLowerCase()] = sources;
  }
  return policy;
}
