import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZAllocate,
  ZAttendanceUpdate,
  ZCertificateIssue,
  ZCertificateIssueResult,
  ZCertificateRevoke,
  ZCertificateVerification,
  ZEvaluationInput,
  ZEvaluationSummary,
  ZMyTraining,
  ZNominate,
  ZNominationCancel,
  ZPerson,
  ZSessionCreate,
  ZTrainingModule,
  ZTrainingModuleInput,
  ZTrainingModuleUpdate,
  ZWorkshopCreate,
  ZWorkshopDetail,
  ZWorkshopListQuery,
  ZWorkshopSummary,
  ZWorkshopCancel,
  ZWorkshopUpdate,
  listOf,
} from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { contentDisposition } from '../messaging/attachments.js';
import { createModule, listModules, readMaterial, removeMaterial, updateModule, uploadMaterial } from './catalogue.js';
import { certificatePdf, issueCertificates, revokeCertificate, verifyCertificate } from './certificates.js';
import { markNoticesRead, myTraining, unreadNotices } from './mine.js';
import { evaluationResults, markAttendance, submitEvaluation } from './progress.js';
import { cancelNomination, confirmSeats, nominate, nominationCandidates } from './seats.js';
import { addSession, cancelWorkshop, createWorkshop, listWorkshops, removeSession, updateWorkshop, viewWorkshop } from './workshops.js';

const tags = ['training'];
const workshopParams = z.object({ id: z.uuid() });
const moduleParams = z.object({ id: z.uuid() });

/**
 * Verifications allowed per address and minute. A code holds 80 random bits, so guessing is
 * hopeless anyway; the limit keeps the page from being used to hammer the database, and still
 * lets an office check a stack of certificates.
 */
export const VERIFY_PER_MINUTE = 20;

export function registerTrainingRoutes(app: App, ctx: AppContext): void {
  // ---------------------------------------------------------------- catalogue
  app.get('/api/training/modules', { schema: { tags, response: { 200: listOf(ZTrainingModule) } } }, async (request) => ({ items: await listModules(ctx, actorOf(request)) }));
  app.post('/api/training/modules', { schema: { tags, body: ZTrainingModuleInput, response: { 200: ZTrainingModule } } }, async (request) => {
    const id = await createModule(ctx, actorOf(request), request.body, request.info);
    return (await listModules(ctx, actorOf(request), ctx.db, [id]))[0]!;
  });
  app.patch('/api/training/modules/:id', { schema: { tags, params: moduleParams, body: ZTrainingModuleUpdate, response: { 200: ZTrainingModule } } }, async (request) => {
    await updateModule(ctx, actorOf(request), request.params.id, request.body, request.info);
    return (await listModules(ctx, actorOf(request), ctx.db, [request.params.id]))[0]!;
  });
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    uploads.post(
      '/api/training/modules/:id/materials',
      { bodyLimit: Number.MAX_SAFE_INTEGER, schema: { tags, params: moduleParams, querystring: z.object({ name: z.string().min(1).max(1000) }), response: { 200: ZTrainingModule } } },
      async (request) => {
        const length = request.headers['content-length'] ? Number(request.headers['content-length']) : null;
        await uploadMaterial(ctx, actorOf(request), request.params.id, { fileName: request.query.name, declaredLength: Number.isFinite(length) ? length : null, source: request.body as Readable }, request.info);
        return (await listModules(ctx, actorOf(request), ctx.db, [request.params.id]))[0]!;
      },
    );
  });
  app.get('/api/training/modules/:id/materials/:materialId', { schema: { tags, params: z.object({ id: z.uuid(), materialId: z.uuid() }) } }, async (request, reply) => {
    const file = await readMaterial(ctx, actorOf(request), request.params.id, request.params.materialId, request.info);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.name))
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.data);
  });
  app.delete('/api/training/modules/:id/materials/:materialId', { schema: { tags, params: z.object({ id: z.uuid(), materialId: z.uuid() }) } }, async (request, reply) => {
    await removeMaterial(ctx, actorOf(request), request.params.id, request.params.materialId, request.info);
    return reply.code(204).send();
  });

  // ---------------------------------------------------------------- workshops
  app.get('/api/training/workshops', { schema: { tags, querystring: ZWorkshopListQuery, response: { 200: listOf(ZWorkshopSummary) } } }, async (request) => ({
    items: await listWorkshops(ctx, actorOf(request), request.query),
  }));
  app.post('/api/training/workshops', { schema: { tags, body: ZWorkshopCreate, response: { 200: ZWorkshopDetail } } }, async (request) => {
    const id = await createWorkshop(ctx, actorOf(request), request.body, request.info);
    return viewWorkshop(ctx, actorOf(request), id, request.info);
  });
  app.get('/api/training/workshops/:id', { schema: { tags, params: workshopParams, response: { 200: ZWorkshopDetail } } }, async (request) => viewWorkshop(ctx, actorOf(request), request.params.id, request.info));
  app.patch('/api/training/workshops/:id', { schema: { tags, params: workshopParams, body: ZWorkshopUpdate, response: { 200: ZWorkshopDetail } } }, async (request) => {
    await updateWorkshop(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewWorkshop(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/training/workshops/:id/cancel', { schema: { tags, params: workshopParams, body: ZWorkshopCancel, response: { 200: ZWorkshopDetail } } }, async (request) => {
    await cancelWorkshop(ctx, actorOf(request), request.params.id, request.body.reason, request.info);
    return viewWorkshop(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/training/workshops/:id/sessions', { schema: { tags, params: workshopParams, body: ZSessionCreate, response: { 200: ZWorkshopDetail } } }, async (request) => {
    await addSession(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewWorkshop(ctx, actorOf(request), request.params.id, request.info);
  });
  app.delete('/api/training/workshops/:id/sessions/:sessionId', { schema: { tags, params: z.object({ id: z.uuid(), sessionId: z.uuid() }) } }, async (request, reply) => {
    await removeSession(ctx, actorOf(request), request.params.id, request.params.sessionId, request.info);
    return reply.code(204).send();
  });

  // ---------------------------------------------------------------- nominations and seats
  app.get('/api/training/workshops/:id/candidates', { schema: { tags, params: workshopParams, response: { 200: listOf(ZPerson) } } }, async (request) => ({
    items: await nominationCandidates(ctx, actorOf(request), request.params.id),
  }));
  app.post('/api/training/workshops/:id/nominations', { schema: { tags, params: workshopParams, body: ZNominate, response: { 200: ZWorkshopDetail } } }, async (request) => {
    await nominate(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewWorkshop(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post(
    '/api/training/workshops/:id/nominations/:nominationId/cancel',
    { schema: { tags, params: z.object({ id: z.uuid(), nominationId: z.uuid() }), body: ZNominationCancel, response: { 200: ZWorkshopDetail } } },
    async (request) => {
      await cancelNomination(ctx, actorOf(request), request.params.id, request.params.nominationId, request.body, request.info);
      return viewWorkshop(ctx, actorOf(request), request.params.id, request.info);
    },
  );
  app.post('/api/training/workshops/:id/allocate', { schema: { tags, params: workshopParams, body: ZAllocate, response: { 200: ZWorkshopDetail } } }, async (request) => {
    await confirmSeats(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewWorkshop(ctx, actorOf(request), request.params.id, request.info);
  });

  // ---------------------------------------------------------------- attendance and evaluation
  app.put(
    '/api/training/workshops/:id/sessions/:sessionId/attendance',
    { schema: { tags, params: z.object({ id: z.uuid(), sessionId: z.uuid() }), body: ZAttendanceUpdate, response: { 200: ZWorkshopDetail } } },
    async (request) => {
      await markAttendance(ctx, actorOf(request), request.params.id, request.params.sessionId, request.body, request.info);
      return viewWorkshop(ctx, actorOf(request), request.params.id, request.info);
    },
  );
  app.post('/api/training/workshops/:id/evaluation', { schema: { tags, params: workshopParams, body: ZEvaluationInput } }, async (request, reply) => {
    await submitEvaluation(ctx, actorOf(request), request.params.id, request.body, request.info);
    return reply.code(204).send();
  });
  app.get('/api/training/workshops/:id/evaluation', { schema: { tags, params: workshopParams, response: { 200: ZEvaluationSummary } } }, async (request) =>
    evaluationResults(ctx, actorOf(request), request.params.id, request.info),
  );

  // ---------------------------------------------------------------- certificates
  app.post('/api/training/workshops/:id/certificates', { schema: { tags, params: workshopParams, body: ZCertificateIssue, response: { 200: ZCertificateIssueResult } } }, async (request) =>
    issueCertificates(ctx, actorOf(request), request.params.id, request.body, request.info),
  );
  app.get('/api/training/certificates/:id/pdf', { schema: { tags, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const { pdf, fileName } = await certificatePdf(ctx, actorOf(request), request.params.id, request.info);
    return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(fileName)).header('cache-control', 'private, no-store').send(pdf);
  });
  app.post('/api/training/certificates/:id/revoke', { schema: { tags, params: z.object({ id: z.uuid() }), body: ZCertificateRevoke } }, async (request, reply) => {
    await revokeCertificate(ctx, actorOf(request), request.params.id, request.body.reason, request.info);
    return reply.code(204).send();
  });

  // ---------------------------------------------------------------- my training
  app.get('/api/training/me', { schema: { tags, response: { 200: ZMyTraining } } }, async (request) => myTraining(ctx, actorOf(request)));
  app.get('/api/training/notices/unread', { schema: { tags, response: { 200: z.object({ count: z.number().int() }) } } }, async (request) => ({ count: await unreadNotices(ctx, actorOf(request)) }));
  app.post('/api/training/notices/read', { schema: { tags } }, async (request, reply) => {
    await markNoticesRead(ctx, actorOf(request));
    return reply.code(204).send();
  });

  // ---------------------------------------------------------------- public verification
  app.get(
    '/api/public/certificates/:code',
    {
      config: {
        public: true,
        // Counted by address even for a signed-in browser: the page is public, and so is its budget.
        rateLimit: { max: VERIFY_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (request) => `verify:${request.ip}` },
      },
      schema: { tags, params: z.object({ code: z.string().max(64) }), response: { 200: ZCertificateVerification } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyCertificate(ctx, request.params.code, request.info);
    },
  );
}
