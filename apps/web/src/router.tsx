import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { Anchor, type AnchorProps } from '@mantine/core';
import { parseRoute, type Route } from './route.ts';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function navigate(path: string, options: { replace?: boolean; keepScroll?: boolean } = {}) {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  if (!options.keepScroll) window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function useRoute(): Route {
  return parseRoute(usePathname());
}

/** Follows a link inside the app without reloading; modified clicks (new tab) behave as usual. */
export function onLinkClick(path: string) {
  return (e: MouseEvent<HTMLElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(path);
  };
}

export function Link({
  to,
  children,
  ...rest
}: {
  to: string;
  children: ReactNode;
  'aria-label'?: string;
  target?: string;
  rel?: string;
  onFocus?: () => void;
} & AnchorProps) {
  return (
    <Anchor href={to} onClick={rest.target ? undefined : onLinkClick(to)} {...rest}>
      {children}
    </Anchor>
  );
}
