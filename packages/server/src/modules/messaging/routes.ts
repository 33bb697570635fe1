import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  ZAttachment,
  ZConsentDecision,
  ZConsentRequest,
  ZDraft,
  ZDraftInput,
  ZLabel,
  ZLabelCreate,
  ZMailBulk,
  ZMailBulkResult,
  ZMailCounts,
  ZMailSettings,
  ZMessage,
  ZMessagePage,
  ZMessageQuery,
  ZRecipientOption,
  ZSendResult,
  UI_LANGUAGES,
  type TUiLanguage,
  listOf,
} from '@focal/shared';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { countryName } from '../reference/service.js';
import { addAttachment, contentDisposition, downloadAttachment, removeAttachment } from './attachments.js';
import { acknowledgeMessage, bulkUpdate, createLabel, deleteLabel, listLabels, listMessages, mailCounts, mailSettings, openMessage, updateMailSettings } from './mailbox.js';
import { presentConsent, presentDraft, presentMessage, presentSummary } from './presenter.js';
import { recipientOptions } from './recipients.js';
import { createDraft, decideConsent, deleteDraft, listConsents, readDraft, sendDraft, sendNew, updateDraft, withdrawMessage } from './service.js';

const tags = ['mail'];
const id = z.object({ id: z.uuid() });
// A body may hold a million characters of Arabic or Chinese: up to 4 bytes each in UTF-8.
const DRAFT_BODY_LIMIT = 5 * 1024 * 1024;

export function registerMessagingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/mail/settings', { schema: { tags, response: { 200: ZMailSettings } } }, async (request) => mailSettings(ctx, actorOf(request)));
  app.patch('/api/mail/settings', { schema: { tags, body: z.object({ notifyByEmail: z.boolean() }), response: { 200: ZMailSettings } } }, async (request) =>
    updateMailSettings(ctx, actorOf(request), request.body),
  );
  app.get('/api/mail/counts', { schema: { tags, response: { 200: ZMailCounts } } }, async (request) => mailCounts(ctx, actorOf(request)));

  app.get(
    '/api/mail/recipients',
    { schema: { tags, querystring: z.object({ q: z.string().max(200).default('') }), response: { 200: listOf(ZRecipientOption) } } },
    async (request) => {
      // A country is found by its name in any of the interface languages ("Nigeria", "Nigéria", "نيجيريا").
      const names = (code: string) => UI_LANGUAGES.map((lang: TUiLanguage) => countryName(code, lang));
      return { items: await recipientOptions(ctx.db, actorOf(request).id, request.query.q, names) };
    },
  );

  app.get('/api/mail/messages', { schema: { tags, querystring: ZMessageQuery, response: { 200: ZMessagePage } } }, async (request) => {
    const page = await listMessages(ctx, actorOf(request), request.query);
    return { ...page, items: page.items.map(presentSummary) };
  });
  app.get('/api/mail/messages/:id', { schema: { tags, params: id, response: { 200: ZMessage } } }, async (request) =>
    presentMessage(await openMessage(ctx, actorOf(request), request.params.id, request.info)),
  );
  app.post('/api/mail/messages/:id/acknowledge', { schema: { tags, params: id, response: { 200: ZMessage } } }, async (request) =>
    presentMessage(await acknowledgeMessage(ctx, actorOf(request), request.params.id, request.info)),
  );
  app.post('/api/mail/messages/:id/withdraw', { schema: { tags, params: id, response: { 200: ZMessage } } }, async (request) => {
    await withdrawMessage(ctx, actorOf(request), request.params.id, request.info);
    return presentMessage(await openMessage(ctx, actorOf(request), request.params.id, request.info));
  });
  app.get(
    '/api/mail/messages/:id/attachments/:attachmentId',
    { schema: { tags, params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) } },
    async (request, reply) => {
      const file = await downloadAttachment(ctx, actorOf(request), request.params.id, request.params.attachmentId, request.info);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.name))
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.data);
    },
  );
  app.post('/api/mail/bulk', { schema: { tags, body: ZMailBulk, response: { 200: ZMailBulkResult } } }, async (request) => ({
    changed: await bulkUpdate(ctx, actorOf(request), request.body, request.info),
  }));

  app.post('/api/mail/drafts', { bodyLimit: DRAFT_BODY_LIMIT, schema: { tags, body: ZDraftInput, response: { 200: ZDraft } } }, async (request) => {
    const draftId = await createDraft(ctx, actorOf(request), request.body);
    return presentDraft(await readDraft(ctx, actorOf(request), draftId));
  });
  app.get('/api/mail/drafts/:id', { schema: { tags, params: id, response: { 200: ZDraft } } }, async (request) =>
    presentDraft(await readDraft(ctx, actorOf(request), request.params.id)),
  );
  app.put('/api/mail/drafts/:id', { bodyLimit: DRAFT_BODY_LIMIT, schema: { tags, params: id, body: ZDraftInput, response: { 200: ZDraft } } }, async (request) => {
    await updateDraft(ctx, actorOf(request), request.params.id, request.body);
    return presentDraft(await readDraft(ctx, actorOf(request), request.params.id));
  });
  app.delete('/api/mail/drafts/:id', { schema: { tags, params: id } }, async (request, reply) => {
    await deleteDraft(ctx, actorOf(request), request.params.id);
    return reply.code(204).send();
  });
  app.post('/api/mail/drafts/:id/send', { schema: { tags, params: id, response: { 200: ZSendResult } } }, async (request) =>
    sendDraft(ctx, actorOf(request), request.params.id, request.info),
  );
  app.post('/api/mail/send', { bodyLimit: DRAFT_BODY_LIMIT, schema: { tags, body: ZDraftInput, response: { 200: ZSendResult } } }, async (request) =>
    sendNew(ctx, actorOf(request), request.body, request.info),
  );

  // Files arrive as the raw request body, streamed to the encrypted store (never buffered whole).
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    uploads.post(
      '/api/mail/drafts/:id/attachments',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema: { tags, params: id, querystring: z.object({ name: z.string().min(1).max(1000) }), response: { 200: ZAttachment } },
      },
      async (request) => {
        const length = request.headers['content-length'] ? Number(request.headers['content-length']) : null;
        return addAttachment(ctx, actorOf(request), request.params.id, request.query.name, Number.isFinite(length) ? length : null, request.body as Readable);
      },
    );
  });
  app.delete('/api/mail/drafts/:id/attachments/:attachmentId', { schema: { tags, params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) } }, async (request, reply) => {
    await removeAttachment(ctx, actorOf(request), request.params.id, request.params.attachmentId);
    return reply.code(204).send();
  });

  app.get('/api/mail/labels', { schema: { tags, response: { 200: listOf(ZLabel) } } }, async (request) => ({ items: await listLabels(ctx, actorOf(request)) }));
  app.post('/api/mail/labels', { schema: { tags, body: ZLabelCreate, response: { 200: ZLabel } } }, async (request) => createLabel(ctx, actorOf(request), request.body));
  app.delete('/api/mail/labels/:id', { schema: { tags, params: id } }, async (request, reply) => {
    await deleteLabel(ctx, actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.get('/api/mail/consents', { schema: { tags, response: { 200: listOf(ZConsentRequest) } } }, async (request) => ({
    items: (await listConsents(ctx, actorOf(request))).map(presentConsent),
  }));
  app.post('/api/mail/consents/:id', { schema: { tags, params: id, body: ZConsentDecision, response: { 200: ZConsentRequest } } }, async (request) => {
    const actor = actorOf(request);
    const consentId = await decideConsent(ctx, actor, request.params.id, request.body.decision, request.info);
    const consent = (await listConsents(ctx, actor)).find((c) => c.row.id === consentId)!;
    return presentConsent(consent);
  });
}
