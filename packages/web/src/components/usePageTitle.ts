import { useEffect } from 'react';

/** Sets the browser tab's title, so each page is announced and recognisable. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Focal` : 'Focal';
  }, [title]);
}
