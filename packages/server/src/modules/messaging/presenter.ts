import type { TConsentRequest, TDraft, TMessage, TMessageSummary } from '@focal/shared';
import type { Detail, Summary } from './mailbox.js';
import type { listConsents, presentDraftParts } from './service.js';

const iso = (date: Date) => date.toISOString();

export function presentSummary(s: Summary): TMessageSummary {
  const { entry, message } = s;
  return {
    id: message.id,
    threadId: message.thread_id,
    folder: entry.folder,
    status: message.status,
    sender: s.sender,
    recipients: s.recipients,
    recipientCount: s.recipientCount,
    subject: s.content.subject,
    snippet: s.snippet,
    date: iso(message.sent_at ?? message.updated_at),
    handlingCode: message.handling_code,
    priority: message.priority,
    replyBy: message.reply_by,
    unread: entry.unread,
    attachments: s.attachments,
    ackPending: entry.role !== 'sender' && entry.ack_required && !entry.acknowledged_at,
    labels: entry.labels,
  };
}

export function presentMessage(d: Detail): TMessage {
  const { entry, message, content } = d.summary;
  return {
    ...presentSummary(d.summary),
    body: content.body,
    conditions: content.conditions,
    evaluation: message.evaluation_source && message.evaluation_info ? { source: message.evaluation_source, info: message.evaluation_info } : null,
    to: d.to,
    cc: d.cc,
    addressing: message.addressing.map((a) => ({ field: a.field, kind: a.kind, id: a.kind === 'country' ? a.code : a.id })),
    attachmentList: d.attachments,
    inReplyTo: message.in_reply_to,
    forwardOf: message.forward_of,
    provider: d.provider,
    receipts: d.receipts?.map((r) => ({ ...r, openedAt: r.openedAt ? iso(r.openedAt) : null, acknowledgedAt: r.acknowledgedAt ? iso(r.acknowledgedAt) : null })) ?? null,
    ackRequired: entry.role !== 'sender' && entry.ack_required,
    acknowledgedAt: entry.acknowledged_at ? iso(entry.acknowledged_at) : null,
    canWithdraw: d.canWithdraw,
    thread: d.thread.map((t) => ({ ...t, date: iso(t.date) })),
    consent: d.consent,
    request: d.request,
  };
}

export function presentDraft(parts: Awaited<ReturnType<typeof presentDraftParts>>): TDraft {
  const { message, content, attachments } = parts;
  return {
    id: message.id,
    values: {
      to: message.addressing.filter((a) => a.field === 'to').map(({ field: _field, ...r }) => r),
      cc: message.addressing.filter((a) => a.field === 'cc').map(({ field: _field, ...r }) => r),
      subject: content.subject,
      body: content.body,
      handlingCode: message.handling_code,
      conditions: content.conditions,
      evaluationSource: message.evaluation_source ?? 'X',
      evaluationInfo: (message.evaluation_info ?? 4) as 1 | 2 | 3 | 4,
      priority: message.priority,
      replyBy: message.reply_by,
      inReplyTo: message.in_reply_to,
      forwardOf: message.forward_of,
      requestId: parts.requestId,
    },
    attachments,
    updatedAt: iso(message.updated_at),
  };
}

export function presentConsent(c: Awaited<ReturnType<typeof listConsents>>[number]): TConsentRequest {
  const { row, people, subject } = c;
  return {
    id: row.id,
    status: row.status,
    requester: people.get(row.requester_id)!,
    provider: people.get(row.provider_id)!,
    originalId: row.original_id,
    originalSubject: subject,
    newRecipients: row.new_recipients.flatMap((id) => (people.has(id) ? [people.get(id)!] : [])),
    createdAt: iso(row.created_at),
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
  };
}
