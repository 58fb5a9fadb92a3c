import { useEffect, useState } from 'preact/hooks';

// The console lives under /admin/; routes below are written without that prefix.
export const BASE = '/admin';

const listeners = new Set<() => void>();

export function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path.replace(/\/+$/, '') || '/';
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  const url = BASE + (to === '/' ? '/' : to);
  if (url === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((fn) => fn());
  window.scrollTo(0, 0);
}

/** The current console path ("/meetings/abc/documents"), re-rendering on every navigation. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** Link clicks stay in the page; modified clicks (new tab) keep the browser's behaviour. */
export function onLinkClick(e: MouseEvent, to: string) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(to);
}

export const hrefOf = (to: string) => BASE + (to === '/' ? '/' : to);
