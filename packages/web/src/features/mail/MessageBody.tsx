import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { renderMarkdown } from './markdown';
import './mail.css';

/**
 * A message body written in Markdown. The renderer escapes any HTML, leaves images unloaded and
 * writes out link addresses, so the result is safe to insert.
 */
export function MessageBody({ source, testId = 'message-body' }: { source: string; testId?: string }) {
  const { t } = useTranslation();
  const imageLabel = t('mail.body.image');
  const html = useMemo(() => renderMarkdown(source, { imageLabel }), [source, imageLabel]);
  return <div className="mail-body" dir="auto" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
