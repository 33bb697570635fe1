import { useQueryClient } from '@tanstack/react-query';
import type { TDraftInput } from '@focal/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { createDraft, mailKeys, saveDraft } from './api';

export type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; at: Date } | { status: 'error'; error: unknown };

/** Saves are spaced by at least this much while someone types. */
export const AUTOSAVE_INTERVAL_MS = 1500;
const RETRY_MS = 5000;

const transient = (error: unknown) => error instanceof ApiError && (error.code === 'network_error' || error.status >= 500 || error.status === 429);

/**
 * Keeps a draft saved while it is written: the draft is created on the first change, then
 * saved at most every 1.5 s while changes keep coming, when the tab is hidden and when the
 * composer is left. Saves never overlap and always send the latest text; a failed save keeps
 * that text pending (retried when the failure looks temporary) and reports the error.
 */
export function useDraftAutosave(initialId: string | null, onCreated: (id: string) => void) {
  const client = useQueryClient();
  const idRef = useRef(initialId);
  const pending = useRef<TDraftInput | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const onCreatedRef = useRef(onCreated);
  const [state, setState] = useState<SaveState>({ status: 'idle' });

  useEffect(() => {
    onCreatedRef.current = onCreated;
  }, [onCreated]);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  /** Saves what is pending now; resolves with the draft's id and the error, if the save failed. */
  const flush = useCallback(async (): Promise<{ id: string | null; error: unknown }> => {
    clearTimer();
    while (inFlight.current) await inFlight.current;
    const values = pending.current;
    if (stopped.current || !values) return { id: idRef.current, error: null };
    pending.current = null;
    setState({ status: 'saving' });
    let failure: unknown = null;
    const run = (async () => {
      try {
        if (idRef.current) {
          await saveDraft(idRef.current, values);
        } else {
          const draft = await createDraft(values);
          idRef.current = draft.id;
          onCreatedRef.current(draft.id);
          void client.invalidateQueries({ queryKey: mailKeys.counts });
        }
        setState({ status: 'saved', at: new Date() });
      } catch (error) {
        failure = error;
        // Nothing typed is lost: unless newer text is waiting, this text is saved next time.
        if (!pending.current) pending.current = values;
        setState({ status: 'error', error });
        if (transient(error) && !stopped.current && !timer.current) timer.current = setTimeout(() => void flush(), RETRY_MS);
      }
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      inFlight.current = null;
    }
    return { id: idRef.current, error: failure };
  }, [client]);

  /** Records a change: the first one creates the draft at once, later ones are saved within 1.5 s. */
  const change = useCallback(
    (values: TDraftInput) => {
      if (stopped.current) return;
      pending.current = values;
      if (!idRef.current && !inFlight.current) {
        void flush();
        return;
      }
      if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          void flush();
        }, AUTOSAVE_INTERVAL_MS);
      }
    },
    [flush],
  );

  /** The draft's id, creating and saving it first if needed (before an upload or sending). */
  const ensureSaved = useCallback(
    async (values: TDraftInput) => {
      if (!idRef.current && !pending.current) pending.current = values;
      return flush();
    },
    [flush],
  );

  /** After sending or discarding: nothing more is saved. */
  const stop = useCallback(() => {
    stopped.current = true;
    pending.current = null;
    clearTimer();
  }, []);

  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (pending.current || inFlight.current) {
        void flush();
        event.preventDefault();
      }
    };
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('beforeunload', beforeUnload);
      // Leaving the composer: save what was typed since the last save.
      void flush();
    };
  }, [flush]);

  return { state, change, flush, ensureSaved, stop, resume, draftId: () => idRef.current };
}
