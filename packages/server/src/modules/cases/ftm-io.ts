import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { isA, parseFtmLine, schemaOf, toFtmLine, type FtmEntity } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { Actor } from '../../policies/index.js';
import { insertEntities, visibleEntities, type Provenance } from './entities.js';
import { reindexEntities } from '../matching/index-keys.js';
import { recordEvent } from './service.js';


export interface ImportOptions {
  /** 'all_or_nothing' (the default) imports nothing when any line is bad; 'skip_bad' imports the good lines. */
  mode: 'all_or_nothing' | 'skip_bad';
  provider: { country: string; userId: string | null };
  provenance: Provenance;
  actor: Actor | null;
  onProgress?: (lines: number) => void;
}

class RollBack extends Error {}

const MAX_ERRORS_LISTED = 1000;

/**
 * Imports FtM JSON lines into a case, streaming: lines are parsed one at a time and written in
 * batches, so memory stays bounded by the batch and the id index (id → schema, for checking
 * references that may point forward in the file). One transaction: with 'all_or_nothing' a
 * single bad line rolls everything back; with 'skip_bad' the bad lines (and references to
 * them) are reported and the rest is kept.
 */
export async function importFtm(ctx: AppContext, caseId: string, source: Readable, options: ImportOptions) {
  const errors: { line: number; reason: string }[] = [];
  let errorCount = 0;
  const report = (line: number, reason: string) => {
    errorCount++;
    if (errors.length < MAX_ERRORS_LISTED) errors.push({ line, reason });
  };
  let imported = 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const existing = new Map((await trx.selectFrom('entities').select(['ftm_id', 'schema']).where('case_id', '=', caseId).execute()).map((r) => [r.ftm_id, r.schema]));
      const fileIds = new Map<string, string>();
      const known = (id: string) => existing.get(id) ?? fileIds.get(id);
      const batch: FtmEntity[] = [];
      // An edge may come before its ends: such entities wait for the end of the file.
      const waiting: { line: number; entity: FtmEntity }[] = [];
      const flush = async () => {
        const entities = batch.splice(0);
        if (entities.length === 0) return;
        await reindexEntities(ctx, trx, await insertEntities(trx, caseId, options.provider, entities, options.provenance));
        imported += entities.length;
      };
      /** null when every reference resolves; 'wait' when one points ahead; else the reason. */
      const checkReferences = (entity: FtmEntity, final: boolean): string | null | 'wait' => {
        for (const prop of schemaOf(entity.schema)?.properties ?? []) {
          if (prop.type !== 'entity') continue;
          for (const target of entity.properties[prop.name] ?? []) {
            const schema = known(target);
            if (!schema) {
              if (!final) return 'wait';
              return `property "${prop.name}": no entity "${target}" in the case or the file`;
            }
            if (prop.range && !isA(schema, prop.range)) return `property "${prop.name}": "${target}" is a ${schema}, not a ${prop.range}`;
          }
        }
        return null;
      };
      let lineNumber = 0;
      const lines = createInterface({ input: source, crlfDelay: Infinity });
      for await (const line of lines) {
        lineNumber++;
        if (lineNumber % 1000 === 0) options.onProgress?.(lineNumber);
        if (line.trim() === '') continue;
        const parsed = parseFtmLine(line, lineNumber);
        if (!parsed.ok) {
          report(parsed.line, parsed.reason);
          continue;
        }
        const { entity } = parsed;
        if (known(entity.id)) {
          report(lineNumber, `line ${lineNumber}: the id "${entity.id}" is already used in this case`);
          continue;
        }
        fileIds.set(entity.id, entity.schema);
        const references = checkReferences(entity, false);
        if (references === 'wait') waiting.push({ line: lineNumber, entity });
        else if (references) report(lineNumber, `line ${lineNumber}: ${references}`);
        else batch.push(entity);
        if (batch.length >= 1000) await flush();
      }
      options.onProgress?.(lineNumber);
      for (const item of waiting) {
        const references = checkReferences(item.entity, true);
        if (references) report(item.line, `line ${item.line}: ${references}`);
        else batch.push(item.entity);
      }
      await flush();
      errors.sort((a, b) => a.line - b.line);
      if (errorCount > 0 && options.mode === 'all_or_nothing') throw new RollBack();
      await recordEvent(ctx, trx, caseId, options.actor, 'entities_imported', { count: imported, errors: errorCount }, options.provenance.reach);
      await ctx.audit.append(trx, auditContext(options), {
        action: 'case.imported',
        targetType: 'case',
        targetId: caseId,
        country: options.provider.country,
        details: { format: 'ftm', entities: imported, errors: errorCount, rolledBack: false },
      });
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    await ctx.db.transaction().execute((trx) =>
      ctx.audit.append(trx, auditContext(options), {
        action: 'case.imported',
        targetType: 'case',
        targetId: caseId,
        country: options.provider.country,
        details: { format: 'ftm', entities: 0, errors: errorCount, rolledBack: true },
      }),
    );
    return { imported: 0, errors, errorCount, rolledBack: true };
  }
  return { imported, errors, errorCount, rolledBack: false };
}

const auditContext = (options: ImportOptions) => ({
  actorId: options.provider.userId,
  actorCountry: options.provider.userId ? options.provider.country : null,
  ip: null,
  userAgent: options.provider.userId ? 'focal-web' : 'focal-cli',
});

/** Writes the case's entities the actor may see (all of them for the operator) as FtM JSON lines. */
export async function* exportFtm(db: Db, caseId: string, actor: Actor | null): AsyncGenerator<string> {
  let afterId: string | undefined;
  for (;;) {
    const page = await visibleEntities(db, actor, caseId, { limit: 1000, ...(afterId ? { afterId } : {}) });
    if (page.length === 0) return;
    for (const { entity, values } of page) {
      const properties: Record<string, string[]> = {};
      for (const value of values) (properties[value.prop] ??= []).push(value.value);
      yield toFtmLine({ id: entity.ftm_id, schema: entity.schema, properties }) + '\n';
    }
    afterId = page[page.length - 1]!.entity.id;
  }
}
