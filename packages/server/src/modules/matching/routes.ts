import { z } from 'zod';
import { ZMatchCounts, ZAccessRequestCreate, ZEntitySearchResult, ZJudgement, ZMatchAccessRequest, ZMatchItem, ZSharedEntity, listOf } from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { memberAccess } from '../cases/service.js';
import { setBlind } from '../cases/entities.js';
import { pendingMatchJobs } from './crossref.js';
import { decideAccess, entityMatches, judge, listAccessRequests, matchCounts, matchQueue, requestAccess, searchEntities, sharedEntity } from './service.js';

const tags = ['matching'];
const id = z.object({ id: z.uuid() });

export function registerMatchingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/cases/:id/entities/:entityId/matches', { schema: { tags, params: z.object({ id: z.uuid(), entityId: z.uuid() }), response: { 200: listOf(ZMatchItem) } } }, async (request) => ({
    items: await entityMatches(ctx, actorOf(request), request.params.id, request.params.entityId, request.info),
  }));
  app.post(
    '/api/cases/:id/entities/:entityId/blind',
    { schema: { tags, params: z.object({ id: z.uuid(), entityId: z.uuid() }), body: z.object({ blind: z.boolean() }) } },
    async (request, reply) => {
      await setBlind(ctx, actorOf(request), request.params.id, request.params.entityId, request.body.blind, request.info);
      return reply.code(204).send();
    },
  );
  app.get('/api/cases/:id/matching', { schema: { tags, params: id, response: { 200: z.object({ pending: z.number().int() }) } } }, async (request) => {
    await memberAccess(ctx.db, actorOf(request), request.params.id);
    return { pending: await pendingMatchJobs(ctx.db, request.params.id) };
  });
  app.get('/api/matches/counts', { schema: { tags, response: { 200: ZMatchCounts } } }, async (request) => matchCounts(ctx, actorOf(request)));
  app.get('/api/matches', { schema: { tags, response: { 200: listOf(ZMatchItem) } } }, async (request) => ({ items: await matchQueue(ctx, actorOf(request), request.info) }));
  app.post('/api/matches/:id/judgement', { schema: { tags, params: id, body: ZJudgement } }, async (request, reply) => {
    await judge(ctx, actorOf(request), request.params.id, request.body.verdict, request.info);
    return reply.code(204).send();
  });
  app.post('/api/matches/:id/access-request', { schema: { tags, params: id, body: ZAccessRequestCreate } }, async (request, reply) => {
    await requestAccess(ctx, actorOf(request), request.params.id, request.body.reason, request.info);
    return reply.code(204).send();
  });
  app.get('/api/match-access-requests', { schema: { tags, response: { 200: listOf(ZMatchAccessRequest) } } }, async (request) => ({ items: await listAccessRequests(ctx, actorOf(request)) }));
  app.post('/api/match-access-requests/:id', { schema: { tags, params: id, body: z.object({ decision: z.enum(['grant', 'refuse']) }) } }, async (request, reply) => {
    await decideAccess(ctx, actorOf(request), request.params.id, request.body.decision, request.info);
    return reply.code(204).send();
  });
  app.get('/api/shared-entities/:id', { schema: { tags, params: id, response: { 200: ZSharedEntity } } }, async (request) => sharedEntity(ctx, actorOf(request), request.params.id, request.info));
  app.get('/api/search/entities', { schema: { tags, querystring: z.object({ q: z.string().min(1).max(200) }), response: { 200: ZEntitySearchResult } } }, async (request) =>
    searchEntities(ctx, actorOf(request), request.query.q, request.info),
  );
}
