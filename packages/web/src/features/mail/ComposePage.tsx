import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { NotFoundContent } from '../../components/NotFound';
import { useDraft, useMailSettings } from './api';
import { ComposeForm } from './ComposeForm';

interface ComposeState {
  /** Set when the address changed because this composer created its draft: keep the composer. */
  editorKey?: string;
  /** And keep the focus where the person is typing. */
  keepFocus?: boolean;
}

function ComposeLoader({ draftId, editorKey }: { draftId: string | null; editorKey: string }) {
  const navigate = useNavigate();
  // Only the draft opened at first is loaded; afterwards the composer holds the truth.
  const [initialId] = useState(draftId);
  const draft = useDraft(initialId);
  const settings = useMailSettings();

  if (initialId && draft.isLoading) return <Loading />;
  if (initialId && draft.error instanceof ApiError && draft.error.status === 404) return <NotFoundContent />;
  if (initialId && !draft.data) return <ErrorAlert error={draft.error} />;
  return (
    <ComposeForm
      draft={draft.data ?? null}
      settings={settings.data}
      onCreated={(id) => navigate(`/mail/compose/${id}`, { replace: true, state: { editorKey, keepFocus: true } satisfies ComposeState })}
    />
  );
}

/** New message (/mail/compose) or a saved draft (/mail/compose/:draftId). */
export default function ComposePage() {
  const { draftId } = useParams();
  const location = useLocation();
  const editorKey = (location.state as ComposeState | null)?.editorKey ?? location.key;
  return <ComposeLoader key={editorKey} editorKey={editorKey} draftId={draftId ?? null} />;
}
