import type { ComponentChildren } from 'preact';
import { hrefOf, onLinkClick } from './router';

interface Props {
  to: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
}

/** An in-app link: a real href (new tab works), handled without a page load. */
export function Link({ to, children, ...rest }: Props) {
  return (
    <a {...rest} href={hrefOf(to)} onClick={(e) => onLinkClick(e, to)}>
      {children}
    </a>
  );
}
