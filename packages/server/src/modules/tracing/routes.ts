import { z } from 'zod';
import {
  MAX_TRACING_SEEDS,
  ZTracingAnalysis,
  ZTracingAnalysisCreate,
  ZTracingAnalysisSummary,
  ZTracingFreezeInput,
  ZTracingFreezeResult,
  ZTracingPathInput,
  ZTracingPathResult,
  ZTracingRerun,
  ZTracingRun,
  ZTracingRunInput,
  ZTracingTransactionList,
  ZTracingTransactionQuery,
  listOf,
} from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { draftFreezeRequest, exportLedger, listAnalyses, listTracingTransactions, rerunAnalysis, runTracing, saveAnalysis, tracePath, viewAnalysis } from './service.js';

const tags = ['tracing'];
const caseParams = z.object({ id: z.uuid() });
const analysisParams = z.object({ id: z.uuid(), analysisId: z.uuid() });

export function registerTracingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/cases/:id/tracing/transactions', { schema: { tags, params: caseParams, querystring: ZTracingTransactionQuery, response: { 200: ZTracingTransactionList } } }, async (request) =>
    listTracingTransactions(ctx, actorOf(request), request.params.id, request.query, request.info),
  );
  app.post('/api/cases/:id/tracing/run', { schema: { tags, params: caseParams, body: ZTracingRunInput, response: { 200: ZTracingRun } } }, async (request) =>
    runTracing(ctx, actorOf(request), request.params.id, request.body, request.info),
  );
  app.post('/api/cases/:id/tracing/path', { schema: { tags, params: caseParams, body: ZTracingPathInput, response: { 200: ZTracingPathResult } } }, async (request) =>
    tracePath(ctx, actorOf(request), request.params.id, request.body, request.info),
  );
  // The ledger in the spec's JSON format (for `focal trace`), with the seeds as taint.
  app.post('/api/cases/:id/tracing/ledger', { schema: { tags, params: caseParams, body: z.object({ seeds: z.array(z.number().int().positive()).min(1).max(MAX_TRACING_SEEDS) }) } }, async (request) =>
    exportLedger(ctx, actorOf(request), request.params.id, request.body.seeds, request.info),
  );
  app.get('/api/cases/:id/tracing/analyses', { schema: { tags, params: caseParams, response: { 200: listOf(ZTracingAnalysisSummary) } } }, async (request) => ({
    items: await listAnalyses(ctx, actorOf(request), request.params.id, request.info),
  }));
  app.post('/api/cases/:id/tracing/analyses', { schema: { tags, params: caseParams, body: ZTracingAnalysisCreate, response: { 200: ZTracingAnalysis } } }, async (request) =>
    saveAnalysis(ctx, actorOf(request), request.params.id, request.body, request.info),
  );
  app.get('/api/cases/:id/tracing/analyses/:analysisId', { schema: { tags, params: analysisParams, response: { 200: ZTracingAnalysis } } }, async (request) =>
    viewAnalysis(ctx, actorOf(request), request.params.id, request.params.analysisId, request.info),
  );
  app.post('/api/cases/:id/tracing/analyses/:analysisId/rerun', { schema: { tags, params: analysisParams, response: { 200: ZTracingRerun } } }, async (request) =>
    rerunAnalysis(ctx, actorOf(request), request.params.id, request.params.analysisId, request.info),
  );
  app.post(
    '/api/cases/:id/tracing/analyses/:analysisId/freeze-request',
    { schema: { tags, params: analysisParams, body: ZTracingFreezeInput, response: { 200: ZTracingFreezeResult } } },
    async (request) => draftFreezeRequest(ctx, actorOf(request), request.params.id, request.params.analysisId, request.body, request.info),
  );
}
