import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { StatementError, csvLayoutKey, sniffCsv, type CsvDateFormat, type CsvDelimiter, type CsvField, type CsvFormat, type StatementAccount, type TextEncodingName } from '@focal/core';
import {
  type CSV_DATE_FORMATS,
  CSV_DELIMITERS,
  CSV_TEXT_ENCODINGS,
  STATEMENT_FORMATS,
  ZCsvImportOptions,
  ZCsvSniff,
  ZStatementJob,
  ZStatementList,
  ZStatementMapping,
  ZStatementMappingSave,
  ZStatementTransactionPage,
  ZStatementUploaded,
  type TCsvField,
} from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { AppError, badRequest } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { authorize } from '../../policies/index.js';
import { memberAccess } from '../cases/service.js';
import { deleteMapping, listMappings, mappingsForLayout, saveMapping } from './mappings.js';
import { decideTransferPair, dismissJob, getJob, importStatement, listStatements, statementList, transactionsPage } from './service.js';

// The contract's lists and @focal/core's types must name the same things.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<(typeof CSV_DATE_FORMATS)[number], CsvDateFormat>,
  Same<(typeof CSV_DELIMITERS)[number], CsvDelimiter>,
  Same<(typeof CSV_TEXT_ENCODINGS)[number], TextEncodingName>,
  Same<TCsvField, CsvField>,
] = [true, true, true, true];
void agree;

const tags = ['statements'];
const caseParams = z.object({ id: z.uuid() });
/** How much of a CSV the layout is guessed from (the browser sends the file's first bytes). */
const SNIFF_BYTES = 256 * 1024;
const ZSniffQuery = z.object({
  encoding: z.enum(CSV_TEXT_ENCODINGS).optional(),
  delimiter: z.enum(CSV_DELIMITERS).optional(),
  hasHeader: z.enum(['true', 'false']).optional(),
  skipRows: z.coerce.number().int().min(0).max(100).optional(),
});

export function registerStatementRoutes(app: App, ctx: AppContext): void {
  app.get('/api/cases/:id/statements', { schema: { tags, params: caseParams, response: { 200: ZStatementList } } }, async (request) => listStatements(ctx, actorOf(request), request.params.id, request.info));
  app.get(
    '/api/cases/:id/statements/:importId/transactions',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), importId: z.uuid() }),
        querystring: z.object({ offset: z.coerce.number().int().min(0).max(100_000_000).default(0), limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: ZStatementTransactionPage },
      },
    },
    async (request) => transactionsPage(ctx, actorOf(request), request.params.id, request.params.importId, request.query.offset, request.query.limit, request.info),
  );
  app.get('/api/cases/:id/statement-jobs/:jobId', { schema: { tags, params: z.object({ id: z.uuid(), jobId: z.uuid() }), response: { 200: ZStatementJob } } }, async (request) =>
    getJob(ctx, actorOf(request), request.params.id, request.params.jobId),
  );
  app.delete('/api/cases/:id/statement-jobs/:jobId', { schema: { tags, params: z.object({ id: z.uuid(), jobId: z.uuid() }), response: { 200: ZStatementList } } }, async (request) => {
    await dismissJob(ctx, actorOf(request), request.params.id, request.params.jobId);
    return statementList(ctx.db, actorOf(request), request.params.id);
  });
  app.post(
    '/api/cases/:id/transfer-pairs/:pairId',
    { schema: { tags, params: z.object({ id: z.uuid(), pairId: z.uuid() }), body: z.object({ decision: z.enum(['confirm', 'split']) }), response: { 200: ZStatementList } } },
    async (request) => {
      await decideTransferPair(ctx, actorOf(request), request.params.id, request.params.pairId, request.body.decision, request.info);
      return statementList(ctx.db, actorOf(request), request.params.id);
    },
  );

  app.get('/api/statement-mappings', { schema: { tags, response: { 200: z.object({ items: z.array(ZStatementMapping) }) } } }, async (request) => ({ items: await listMappings(ctx.db, actorOf(request)) }));
  app.post('/api/statement-mappings', { schema: { tags, body: ZStatementMappingSave, response: { 200: ZStatementMapping } } }, async (request) => saveMapping(ctx, actorOf(request), request.body, request.info));
  app.delete('/api/statement-mappings/:mappingId', { schema: { tags, params: z.object({ mappingId: z.uuid() }) } }, async (request, reply) => {
    await deleteMapping(ctx, actorOf(request), request.params.mappingId, request.info);
    return reply.code(204).send();
  });

  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: SNIFF_BYTES }, (_request, body, done) => done(null, body));
    // The first bytes of a CSV: its encoding, delimiter, decimal separator, dates and columns,
    // for the user to confirm — again with the choices they changed — and the saved mappings
    // of their country for a file of this layout.
    uploads.post('/api/cases/:id/statements/sniff', { bodyLimit: SNIFF_BYTES, schema: { tags, params: caseParams, querystring: ZSniffQuery, response: { 200: ZCsvSniff } } }, async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'contribute', 'case', await memberAccess(ctx.db, actor, request.params.id));
      const body = request.body as Buffer;
      const { encoding, delimiter, hasHeader, skipRows } = request.query;
      let sniff;
      try {
        sniff = sniffCsv(new Uint8Array(body), {
          complete: body.length < SNIFF_BYTES,
          ...(encoding ? { encoding } : {}),
          ...(delimiter ? { delimiter } : {}),
          ...(hasHeader ? { hasHeader: hasHeader === 'true' } : {}),
          ...(skipRows !== undefined ? { skipRows } : {}),
        });
      } catch (error) {
        if (error instanceof StatementError) throw new AppError(400, 'statement_invalid', error.message, { fields: { file: error.line ? `line ${error.line}` : 'unreadable' } });
        throw error;
      }
      const layoutKey = csvLayoutKey(sniff);
      return { ...sniff, suggestedMapping: sniff.suggestedMapping as Record<string, string | number>, layoutKey, mappings: await mappingsForLayout(ctx.db, actor, layoutKey) };
    });
  });
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    uploads.post(
      '/api/cases/:id/statements',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema: {
          tags,
          params: caseParams,
          querystring: z.object({
            format: z.enum(STATEMENT_FORMATS),
            name: z.string().min(1).max(1000),
            /** CSV only: the confirmed layout and the statement's account, as JSON. */
            options: z.string().max(20_000).optional(),
            /** The saved mapping the layout came from. */
            mappingId: z.uuid().optional(),
            /** MT940 only: the file's text encoding when it is not UTF-8. */
            encoding: z.enum(CSV_TEXT_ENCODINGS).optional(),
            /** Import in the background whatever the file's size. */
            background: z.enum(['true', 'false']).optional(),
          }),
          response: { 200: ZStatementUploaded, 202: ZStatementUploaded },
        },
      },
      async (request, reply) => {
        let csv: { format: CsvFormat; account: StatementAccount } | undefined;
        if (request.query.format === 'csv') {
          let parsed: unknown;
          try {
            parsed = JSON.parse(request.query.options ?? '');
          } catch {
            throw badRequest('validation_failed', 'A CSV statement needs its layout and account (options).', { options: 'required' });
          }
          const options = ZCsvImportOptions.safeParse(parsed);
          if (!options.success) {
            throw new AppError(400, 'validation_failed', `The CSV options are not valid: ${options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`, {
              fields: { options: 'invalid', ...Object.fromEntries(options.error.issues.map((i) => [`options.${i.path.join('.')}`, i.message])) },
            });
          }
          const { iban, number, currency, holder, bank } = options.data.account;
          csv = {
            format: options.data.format as CsvFormat,
            account: { ...(iban ? { iban: iban.replace(/\s+/g, '').toUpperCase() } : {}), ...(number ? { number } : {}), currency, ...(holder ? { holder } : {}), ...(bank ? { bank } : {}) },
          };
        }
        const length = request.headers['content-length'] ? Number(request.headers['content-length']) : null;
        const actor = actorOf(request);
        const result = await importStatement(
          ctx,
          actor,
          request.params.id,
          {
            format: request.query.format,
            fileName: request.query.name,
            declaredLength: Number.isFinite(length) ? length : null,
            source: request.body as Readable,
            ...(csv ? { csv } : {}),
            ...(request.query.mappingId ? { mappingId: request.query.mappingId } : {}),
            ...(request.query.encoding ? { encoding: request.query.encoding } : {}),
          },
          request.info,
          { background: request.query.background === 'true' },
        );
        const list = await statementList(ctx.db, actor, request.params.id);
        return reply.code(result.background ? 202 : 200).send({ ...list, jobId: result.jobId });
      },
    );
  });
}
