import { useEffect } from 'react';

// The tab's title is the page's name, preceded by the number of unread secure messages when
// there are any, e.g. "(3) Inbox · Focal": each part is set by a different component.
let pageTitle = 'Focal';
let unread = 0;

function render() {
  document.title = unread > 0 ? `(${unread}) ${pageTitle}` : pageTitle;
}

/** Sets the browser tab's title, so each page is announced and recognisable. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    pageTitle = title ? `${title} · Focal` : 'Focal';
    render();
  }, [title]);
}

/** Shows a count (unread messages) before the page's title while the calling component is mounted. */
export function useTitleCount(count: number): void {
  useEffect(() => {
    unread = count;
    render();
    return () => {
      unread = 0;
      render();
    };
  }, [count]);
}
