import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CSV_DATE_FORMATS, TEXT_ENCODINGS, sniffCsv, type CsvFormat, type StatementAccount } from '@focal/core';
import { STATEMENT_FORMATS, ZStatementList } from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { memberAccess } from '../cases/service.js';
import { decideTransferPair, importStatement, listStatements } from './service.js';

const tags = ['statements'];
const caseParams = z.object({ id: z.uuid() });
/** How much of a CSV the layout is guessed from. */
const SNIFF_BYTES = 256 * 1024;

const ZColumn = z.union([z.string().min(1).max(200), z.number().int().min(0).max(1000)]);
/** The layout of a bank's CSV export as the user confirmed it (see CsvFormat in @focal/core). */
const ZCsvFormat = z.object({
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  delimiter: z.enum([',', ';', '\t', '|']),
  decimalSeparator: z.enum(['.', ',']),
  dateFormat: z.enum(CSV_DATE_FORMATS),
  hasHeader: z.boolean(),
  skipRows: z.number().int().min(0).max(100).optional(),
  mapping: z
    .object({
      date: ZColumn,
      valueDate: ZColumn.optional(),
      amount: ZColumn.optional(),
      direction: ZColumn.optional(),
      debit: ZColumn.optional(),
      credit: ZColumn.optional(),
      currency: ZColumn.optional(),
      counterpartyName: ZColumn.optional(),
      counterpartyAccount: ZColumn.optional(),
      counterpartyBic: ZColumn.optional(),
      reference: ZColumn.optional(),
      description: z.union([ZColumn, z.array(ZColumn).max(10)]).optional(),
      balance: ZColumn.optional(),
    })
    .refine((m) => m.amount !== undefined || (m.debit !== undefined && m.credit !== undefined), 'an amount column, or debit and credit columns'),
});
/** The CSV options arrive as JSON in the query: the layout the user confirmed and the account. */
const ZCsvOptions = z.object({
  format: ZCsvFormat,
  account: z.object({ iban: z.string().max(64).optional(), number: z.string().max(64).optional(), currency: z.string().regex(/^[A-Z]{3}$/), holder: z.string().max(300).optional(), bank: z.string().max(300).optional() }),
});

export function registerStatementRoutes(app: App, ctx: AppContext): void {
  app.get('/api/cases/:id/statements', { schema: { tags, params: caseParams, response: { 200: ZStatementList } } }, async (request) => listStatements(ctx, actorOf(request), request.params.id));
  app.post(
    '/api/cases/:id/transfer-pairs/:pairId',
    { schema: { tags, params: z.object({ id: z.uuid(), pairId: z.uuid() }), body: z.object({ decision: z.enum(['confirm', 'split']) }), response: { 200: ZStatementList } } },
    async (request) => {
      await decideTransferPair(ctx, actorOf(request), request.params.id, request.params.pairId, request.body.decision, request.info);
      return listStatements(ctx, actorOf(request), request.params.id);
    },
  );
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: SNIFF_BYTES }, (_request, body, done) => done(null, body));
    // The first bytes of a CSV: its encoding, delimiter, decimal separator, dates and columns, for the user to confirm.
    uploads.post('/api/cases/:id/statements/sniff', { bodyLimit: SNIFF_BYTES, schema: { tags, params: caseParams } }, async (request) => {
      await memberAccess(ctx.db, actorOf(request), request.params.id);
      return sniffCsv(new Uint8Array(request.body as Buffer), { complete: (request.body as Buffer).length < SNIFF_BYTES });
    });
  });
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    uploads.post(
      '/api/cases/:id/statements',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema: { tags, params: caseParams, querystring: z.object({ format: z.enum(STATEMENT_FORMATS), name: z.string().min(1).max(1000), options: z.string().max(20_000).optional() }), response: { 200: ZStatementList } },
      },
      async (request) => {
        let csv: { format: CsvFormat; account: StatementAccount } | undefined;
        if (request.query.format === 'csv') {
          let parsed: unknown;
          try {
            parsed = JSON.parse(request.query.options ?? '');
          } catch {
            throw badRequest('validation_failed', 'A CSV statement needs its layout and account (options).', { options: 'required' });
          }
          const options = ZCsvOptions.safeParse(parsed);
          if (!options.success) throw badRequest('validation_failed', `The CSV options are not valid: ${options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`, { options: 'invalid' });
          csv = { format: options.data.format as CsvFormat, account: options.data.account as StatementAccount };
        }
        const length = request.headers['content-length'] ? Number(request.headers['content-length']) : null;
        await importStatement(
          ctx,
          actorOf(request),
          request.params.id,
          { format: request.query.format, fileName: request.query.name, declaredLength: Number.isFinite(length) ? length : null, source: request.body as Readable, ...(csv ? { csv } : {}) },
          request.info,
        );
        return listStatements(ctx, actorOf(request), request.params.id);
      },
    );
  });
}
