import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as foundation from './migrations/2026-11-25T0001-foundation.js';
import * as messaging from './migrations/2026-11-25T0002-messaging.js';
import * as cases from './migrations/2026-11-25T0003-cases.js';
import * as assetsDocuments from './migrations/2026-11-25T0004-assets-documents.js';
import * as matching from './migrations/2026-11-25T0005-matching.js';
import * as statements from './migrations/2026-11-25T0006-statements.js';
import * as matchKeyIndex from './migrations/2026-11-25T0007-performance.js';
import * as statementMappings from './migrations/2026-11-25T0008-statement-mappings.js';
import * as tracingAnalyses from './migrations/2026-11-25T0009-tracing-analyses.js';
import * as requestMessages from './migrations/2026-11-25T0010-request-messages.js';
import * as meetings from './migrations/2026-11-25T0011-meetings.js';
import * as training from './migrations/2026-11-25T0013-training.js';

// Listed explicitly rather than read from disk, so the same list works from sources (tests)
// and from the build, and a bundler cannot drop one. Names sort by date.
const migrations: Record<string, Migration> = {
  '2026-11-25T0001-foundation': foundation,
  '2026-11-25T0002-messaging': messaging,
  '2026-11-25T0003-cases': cases,
  '2026-11-25T0004-assets-documents': assetsDocuments,
  '2026-11-25T0005-matching': matching,
  '2026-11-25T0006-statements': statements,
  '2026-11-25T0007-performance': matchKeyIndex,
  '2026-11-25T0008-statement-mappings': statementMappings,
  '2026-11-25T0009-tracing-analyses': tracingAnalyses,
  '2026-11-25T0010-request-messages': requestMessages,
  '2026-11-25T0011-meetings': meetings,
  '2026-11-25T0013-training': training,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies pending migrations; returns the names applied. Throws on failure. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  // With a schema of its own (tests on PostgreSQL), the bookkeeping tables live there too:
  // otherwise Kysely finds another schema's tables and skips creating its own.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
