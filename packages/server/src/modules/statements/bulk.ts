import crypto from 'node:crypto';
import { sql } from 'kysely';
import { entityCaption, type FtmEntity } from '@focal/shared';
import type { Db } from '../../context.js';
import type { Provenance } from '../cases/entities.js';

type Provider = { country: string; userId: string | null };

/**
 * Writes entities with the same rows insertEntities writes (entity, values with the provider's
 * conditions, and the history), but each table in one statement whose rows arrive as a few
 * arrays (`unnest`) rather than a parameter per cell: a statement of a million payments sends
 * three arrays per table instead of tens of millions of parameters, and PostgreSQL plans each
 * statement once. The conditions common to every row are sent once. Returns the new row ids in
 * the order given.
 */
export async function bulkInsertEntities(trx: Db, caseId: string, provider: Provider, entities: FtmEntity[], provenance: Provenance): Promise<string[]> {
  if (entities.length === 0) return [];
  const now = new Date().toISOString();
  const ids = entities.map(() => crypto.randomUUID());
  const conditions = provenance.handlingCode === 'H3' ? provenance.conditions : '';
  const reach = provenance.reach;
  await sql`
    INSERT INTO entities (id, case_id, ftm_id, schema, caption, owner_country, handling_code, conditions, evaluation_source, evaluation_info, reach, created_by, created_at, updated_at)
    SELECT u.id, ${caseId}::uuid, u.ftm_id, u.schema, u.caption, ${provider.country}, ${provenance.handlingCode}, ${conditions}, ${provenance.evaluationSource},
           ${provenance.evaluationInfo}::smallint, ${reach}::text[], ${provider.userId}::uuid, ${now}::timestamptz, ${now}::timestamptz
    FROM unnest(${ids}::uuid[], ${entities.map((e) => e.id)}::text[], ${entities.map((e) => e.schema)}::text[], ${entities.map((e) => entityCaption(e).slice(0, 500))}::text[])
      AS u(id, ftm_id, schema, caption)`.execute(trx);

  const valueEntity: string[] = [];
  const valueProp: string[] = [];
  const valueText: string[] = [];
  entities.forEach((entity, i) => {
    for (const [prop, list] of Object.entries(entity.properties)) {
      for (const value of list) {
        valueEntity.push(ids[i]!);
        valueProp.push(prop);
        valueText.push(value);
      }
    }
  });
  if (valueEntity.length > 0) {
    await sql`
      INSERT INTO entity_values (entity_id, prop, value, owner_country, handling_code, conditions, evaluation_source, evaluation_info, reach, added_by, added_at)
      SELECT u.entity_id, u.prop, u.value, ${provider.country}, ${provenance.handlingCode}, ${conditions}, ${provenance.evaluationSource},
             ${provenance.evaluationInfo}::smallint, ${reach}::text[], ${provider.userId}::uuid, ${now}::timestamptz
      FROM unnest(${valueEntity}::uuid[], ${valueProp}::text[], ${valueText}::text[]) WITH ORDINALITY AS u(entity_id, prop, value, n)
      ORDER BY u.n`.execute(trx);
  }
  // The history: each entity created, then each of its values added (as insertEntities records it).
  await sql`
    INSERT INTO entity_changes (entity_id, case_id, prop, value, change, owner_country, reach, actor_id, at)
    SELECT u.entity_id, ${caseId}::uuid, u.prop, u.value, u.change, ${provider.country}, ${reach}::text[], ${provider.userId}::uuid, ${now}::timestamptz
    FROM (
      SELECT c.entity_id, NULL::text AS prop, NULL::text AS value, 'created' AS change, c.n AS n FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS c(entity_id, n)
      UNION ALL
      SELECT v.entity_id, v.prop, v.value, 'added', ${ids.length}::bigint + v.n FROM unnest(${valueEntity}::uuid[], ${valueProp}::text[], ${valueText}::text[]) WITH ORDINALITY AS v(entity_id, prop, value, n)
    ) u
    ORDER BY u.n`.execute(trx);
  return ids;
}
