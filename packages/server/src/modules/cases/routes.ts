import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZAssistanceRequestCreate,
  ZCaseCountry,
  ZCaseCreate,
  ZCaseList,
  ZCaseListQuery,
  ZCaseReview,
  ZCaseUpdate,
  ZCaseView,
  ZEntity,
  ZEntityChange,
  ZEntityCreate,
  ZEntityUpdate,
  ZImportResult,
  ZProvenanceInput,
  ZRequestActionInput,
  ZRequestDetail,
  ZRequestListQuery,
  ZRequestMessages,
  ZCaseSettings,
  ZRequestSummary,
  ZTimelineEvent,
  ZAsset,
  ZValuationCreate,
  ZMeasureCreate,
  ZTotals,
  ZCaseDocument,
  ZCustodyEvent,
  ZHandlingCode,
  ZDeadlinePolicy,
  listOf,
} from '@focal/shared';
import { addMeasure, addValuation, listAssets, totals } from './assets.js';
import { custody, isPreviewable, listDocuments, readDocumentVersion, uploadDocument } from './documents.js';
import { contentDisposition } from '../messaging/attachments.js';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { asUser } from '../identity/service.js';
import { checkConditions, checkReach, createEntity, deleteEntity, entityHistory, listEntities, updateEntity, visibleEntities } from './entities.js';
import { exportFtm, importFtm } from './ftm-io.js';
import { presentEntity } from './presenter.js';
import { actOnRequest, createRequest, deleteDraftRequest, listRequests, updateDraftRequest, viewRequest } from './requests.js';
import { listRequestMessages } from './requests-messages.js';
import { addCountry, addMember, askToJoin, caseTimeline, createCase, recordEvent, decideJoin, listCases, memberAccess, removeMember, reviewCase, updateCase, viewCase } from './service.js';

const tags = ['cases'];
const caseParams = z.object({ id: z.uuid() });
const entityParams = z.object({ id: z.uuid(), entityId: z.uuid() });

export function registerCaseRoutes(app: App, ctx: AppContext): void {
  app.get('/api/cases', { schema: { tags, querystring: ZCaseListQuery, response: { 200: ZCaseList } } }, async (request) => listCases(ctx, actorOf(request), request.query));
  app.post('/api/cases', { schema: { tags, body: ZCaseCreate, response: { 200: ZCaseView } } }, async (request) => {
    const id = await createCase(ctx, actorOf(request), request.body, request.info);
    return viewCase(ctx, actorOf(request), id, request.info);
  });
  // Limits the browser checks before uploading (the server enforces them all the same: 413).
  app.get('/api/cases/settings', { schema: { tags, response: { 200: ZCaseSettings } } }, async () => ({ documentMaxBytes: ctx.config.documentMaxBytes }));
  app.get('/api/cases/:id', { schema: { tags, params: caseParams, response: { 200: ZCaseView } } }, async (request) => viewCase(ctx, actorOf(request), request.params.id, request.info));
  app.patch('/api/cases/:id', { schema: { tags, params: caseParams, body: ZCaseUpdate, response: { 200: ZCaseView } } }, async (request) => {
    await updateCase(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewCase(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/cases/:id/review', { schema: { tags, params: caseParams, body: ZCaseReview, response: { 200: ZCaseView } } }, async (request) => {
    await reviewCase(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewCase(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/cases/:id/countries', { schema: { tags, params: caseParams, body: ZCaseCountry, response: { 200: ZCaseView } } }, async (request) => {
    await addCountry(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewCase(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/cases/:id/members', { schema: { tags, params: caseParams, body: z.object({ userId: z.uuid() }), response: { 200: ZCaseView } } }, async (request) => {
    await addMember(ctx, actorOf(request), request.params.id, request.body.userId, request.info);
    return viewCase(ctx, actorOf(request), request.params.id, request.info);
  });
  app.delete('/api/cases/:id/members/:userId', { schema: { tags, params: z.object({ id: z.uuid(), userId: z.uuid() }) } }, async (request, reply) => {
    await removeMember(ctx, actorOf(request), request.params.id, request.params.userId, request.info);
    return reply.code(204).send();
  });
  app.post('/api/cases/:id/join', { schema: { tags, params: caseParams, body: z.object({ reason: z.string().max(2000).default('') }), response: { 200: ZCaseView } } }, async (request) => {
    await askToJoin(ctx, actorOf(request), request.params.id, request.body.reason, request.info);
    return viewCase(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post(
    '/api/cases/:id/join/:requestId',
    { schema: { tags, params: z.object({ id: z.uuid(), requestId: z.uuid() }), body: z.object({ decision: z.enum(['accept', 'refuse']) }), response: { 200: ZCaseView } } },
    async (request) => {
      await decideJoin(ctx, actorOf(request), request.params.id, request.params.requestId, request.body.decision, request.info);
      return viewCase(ctx, actorOf(request), request.params.id, request.info);
    },
  );
  app.get('/api/cases/:id/timeline', { schema: { tags, params: caseParams, response: { 200: listOf(ZTimelineEvent) } } }, async (request) => ({
    items: await caseTimeline(ctx, actorOf(request), request.params.id, request.info),
  }));

  // ---------------------------------------------------------------- entities
  app.get('/api/cases/:id/entities', { schema: { tags, params: caseParams, response: { 200: listOf(ZEntity) } } }, async (request) => ({
    items: (await listEntities(ctx, actorOf(request), request.params.id, request.info)).map(presentEntity),
  }));
  app.post('/api/cases/:id/entities', { bodyLimit: 5 * 1024 * 1024, schema: { tags, params: caseParams, body: ZEntityCreate, response: { 200: ZEntity } } }, async (request) => {
    const actor = actorOf(request);
    const entityId = await createEntity(ctx, actor, request.params.id, request.body, request.info);
    const [row] = await visibleEntities(ctx.db, actor, request.params.id, { ids: [entityId] });
    return presentEntity(row!);
  });
  app.patch('/api/cases/:id/entities/:entityId', { bodyLimit: 5 * 1024 * 1024, schema: { tags, params: entityParams, body: ZEntityUpdate, response: { 200: ZEntity } } }, async (request) => {
    const actor = actorOf(request);
    await updateEntity(ctx, actor, request.params.id, request.params.entityId, request.body, request.info);
    const [row] = await visibleEntities(ctx.db, actor, request.params.id, { ids: [request.params.entityId] });
    return presentEntity(row!);
  });
  app.delete('/api/cases/:id/entities/:entityId', { schema: { tags, params: entityParams } }, async (request, reply) => {
    await deleteEntity(ctx, actorOf(request), request.params.id, request.params.entityId, request.info);
    return reply.code(204).send();
  });
  app.get('/api/cases/:id/entities/:entityId/history', { schema: { tags, params: entityParams, response: { 200: listOf(ZEntityChange) } } }, async (request) => ({
    items: await entityHistory(ctx, actorOf(request), request.params.id, request.params.entityId, request.info),
  }));

  app.get('/api/cases/:id/export/ftm', { schema: { tags, params: caseParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await ctx.db.transaction().execute(async (trx) => {
      const found = await memberAccess(trx, actor, request.params.id);
      const count = await trx.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', request.params.id).executeTakeFirstOrThrow();
      await recordEvent(ctx, trx, request.params.id, actor, 'entities_exported', { count: Number(count.n) });
      await ctx.audit.append(trx, asUser(actor, request.info), { action: 'case.exported', targetType: 'case', targetId: request.params.id, country: found.row.lead_country, details: { format: 'ftm', entities: Number(count.n) } });
      return found;
    });
    return reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${access.row.reference}.ftm.json"`)
      .send(Readable.from(exportFtm(ctx.db, request.params.id, actor)));
  });

  // FtM JSON lines arrive as the raw body and are read line by line.
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    for (const type of ['application/x-ndjson', 'application/octet-stream']) uploads.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    uploads.post(
      '/api/cases/:id/import/ftm',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema: {
          tags,
          params: caseParams,
          querystring: ZProvenanceInput.omit({ reach: true }).extend({
            mode: z.enum(['all_or_nothing', 'skip_bad']).default('all_or_nothing'),
            evaluationInfo: z.coerce.number().int().min(1).max(4).default(4),
            reach: z.string().max(400).optional(),
          }),
          response: { 200: ZImportResult },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const access = await memberAccess(ctx.db, actor, request.params.id);
        checkConditions(request.query);
        const reach = checkReach(access, request.query.reach ? request.query.reach.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) : null);
        const result = await importFtm(ctx, request.params.id, request.body as Readable, {
          mode: request.query.mode,
          provider: { country: actor.country, userId: actor.id },
          provenance: { handlingCode: request.query.handlingCode, conditions: request.query.conditions, evaluationSource: request.query.evaluationSource, evaluationInfo: request.query.evaluationInfo, reach },
          actor,
        });
        return { imported: result.imported, errors: result.errors, rolledBack: result.rolledBack };
      },
    );
  });

  // ---------------------------------------------------------------- assets, measures, totals
  app.get('/api/cases/:id/assets', { schema: { tags, params: caseParams, response: { 200: listOf(ZAsset) } } }, async (request) => ({
    items: await listAssets(ctx, actorOf(request), request.params.id),
  }));
  app.post('/api/cases/:id/assets/:entityId/valuations', { schema: { tags, params: entityParams, body: ZValuationCreate, response: { 200: listOf(ZAsset) } } }, async (request) => {
    await addValuation(ctx, actorOf(request), request.params.id, request.params.entityId, request.body, request.info);
    return { items: await listAssets(ctx, actorOf(request), request.params.id) };
  });
  app.post('/api/cases/:id/assets/:entityId/measures', { schema: { tags, params: entityParams, body: ZMeasureCreate, response: { 200: listOf(ZAsset) } } }, async (request) => {
    await addMeasure(ctx, actorOf(request), request.params.id, request.params.entityId, request.body, request.info);
    return { items: await listAssets(ctx, actorOf(request), request.params.id) };
  });
  app.get('/api/cases/:id/totals', { schema: { tags, params: caseParams, response: { 200: ZTotals } } }, async (request) => totals(ctx, actorOf(request), request.params.id));
  app.get('/api/portfolio/totals', { schema: { tags, response: { 200: ZTotals } } }, async (request) => totals(ctx, actorOf(request), null));

  // ---------------------------------------------------------------- evidence
  app.get('/api/cases/:id/documents', { schema: { tags, params: caseParams, response: { 200: listOf(ZCaseDocument) } } }, async (request) => ({
    items: await listDocuments(ctx, actorOf(request), request.params.id),
  }));
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    const upload = (documentId: string | undefined) => async (request: { params: { id: string }; query: { name: string; title?: string | undefined; requestId?: string | undefined; handlingCode?: string | undefined; reach?: string | undefined }; headers: Record<string, unknown>; body: unknown; info: { ip: string | null; userAgent: string | null } } & Parameters<typeof actorOf>[0]) => {
      const length = request.headers['content-length'] ? Number(request.headers['content-length']) : null;
      const id = await uploadDocument(
        ctx,
        actorOf(request),
        {
          caseId: request.params.id,
          ...(documentId ? { documentId } : {}),
          ...(request.query.title ? { title: request.query.title } : {}),
          requestId: request.query.requestId ?? null,
          handlingCode: request.query.handlingCode ?? 'H0',
          reach: request.query.reach ? request.query.reach.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) : null,
          fileName: request.query.name,
          declaredLength: Number.isFinite(length) ? length : null,
          source: request.body as Readable,
        },
        request.info,
      );
      const [document] = await listDocuments(ctx, actorOf(request), request.params.id, [id]);
      return document!;
    };
    const query = z.object({ name: z.string().min(1).max(1000), title: z.string().max(300).optional(), requestId: z.uuid().optional(), handlingCode: ZHandlingCode.optional(), reach: z.string().max(400).optional() });
    uploads.post('/api/cases/:id/documents', { bodyLimit: Number.MAX_SAFE_INTEGER, schema: { tags, params: caseParams, querystring: query, response: { 200: ZCaseDocument } } }, (request) => upload(undefined)(request));
    uploads.post(
      '/api/cases/:id/documents/:documentId/versions',
      { bodyLimit: Number.MAX_SAFE_INTEGER, schema: { tags, params: z.object({ id: z.uuid(), documentId: z.uuid() }), querystring: query, response: { 200: ZCaseDocument } } },
      (request) => upload(request.params.documentId)(request),
    );
  });
  app.get(
    '/api/cases/:id/documents/:documentId/versions/:versionId',
    { schema: { tags, params: z.object({ id: z.uuid(), documentId: z.uuid(), versionId: z.uuid() }), querystring: z.object({ preview: z.enum(['true', 'false']).optional() }) } },
    async (request, reply) => {
      const file = await readDocumentVersion(ctx, actorOf(request), request.params.id, request.params.documentId, request.params.versionId, request.info);
      // Only PDF and images open in the browser, sandboxed; everything else is a download.
      const inline = request.query.preview === 'true' && isPreviewable(file.contentType);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.name).replace(/^attachment/, inline ? 'inline' : 'attachment'))
        .header('cache-control', 'private, no-store')
        .header(
          'content-security-policy',
          // Chromium will not show a PDF in a sandboxed document; an image can be sandboxed.
          file.contentType === 'application/pdf' ? "default-src 'none'; object-src 'self'; frame-ancestors 'self'" : "default-src 'none'; img-src 'self'; frame-ancestors 'self'; sandbox",
        )
        .send(file.data);
    },
  );
  app.get('/api/cases/:id/documents/:documentId/custody', { schema: { tags, params: z.object({ id: z.uuid(), documentId: z.uuid() }), response: { 200: listOf(ZCustodyEvent) } } }, async (request) => ({
    items: await custody(ctx, actorOf(request), request.params.id, request.params.documentId, request.info),
  }));

  // ---------------------------------------------------------------- requests for assistance
  app.get('/api/requests', { schema: { tags: ['requests'], querystring: ZRequestListQuery, response: { 200: listOf(ZRequestSummary) } } }, async (request) => ({
    items: await listRequests(ctx, actorOf(request), request.query),
  }));
  app.post('/api/requests', { schema: { tags: ['requests'], body: ZAssistanceRequestCreate, response: { 200: ZRequestDetail } } }, async (request) => {
    const id = await createRequest(ctx, actorOf(request), request.body, request.info);
    return viewRequest(ctx, actorOf(request), id, request.info);
  });
  app.get('/api/requests/policy', { schema: { tags: ['requests'], response: { 200: ZDeadlinePolicy } } }, async () => ctx.config.deadlines);
  app.put('/api/requests/:id', { schema: { tags: ['requests'], params: caseParams, body: ZAssistanceRequestCreate, response: { 200: ZRequestDetail } } }, async (request) => {
    await updateDraftRequest(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewRequest(ctx, actorOf(request), request.params.id, request.info);
  });
  app.delete('/api/requests/:id', { schema: { tags: ['requests'], params: caseParams } }, async (request, reply) => {
    await deleteDraftRequest(ctx, actorOf(request), request.params.id, request.info);
    return reply.code(204).send();
  });
  app.get('/api/requests/:id', { schema: { tags: ['requests'], params: caseParams, response: { 200: ZRequestDetail } } }, async (request) => viewRequest(ctx, actorOf(request), request.params.id, request.info));
  app.get('/api/requests/:id/messages', { schema: { tags: ['requests'], params: caseParams, response: { 200: ZRequestMessages } } }, async (request) =>
    listRequestMessages(ctx, actorOf(request), request.params.id),
  );
  app.post('/api/requests/:id/actions', { schema: { tags: ['requests'], params: caseParams, body: ZRequestActionInput, response: { 200: ZRequestDetail } } }, async (request) => {
    await actOnRequest(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewRequest(ctx, actorOf(request), request.params.id, request.info);
  });
}
