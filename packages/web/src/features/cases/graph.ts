import { isEdgeSchema, schemaOf, type TEntity } from '@focal/shared';
import { nodeKind, type NodeKind } from './format';

export interface GraphNode {
  /** The FtM id: relations point at it. */
  id: string;
  entityId: string;
  schema: string;
  label: string;
  kind: NodeKind;
}

export interface GraphEdge {
  id: string;
  entityId: string;
  schema: string;
  source: string;
  target: string;
  directed: boolean;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const valuesOf = (entity: Pick<TEntity, 'properties'>, prop: string) => (entity.properties[prop] ?? []).map((v) => v.value);

/**
 * What to call an entity on screen: its caption, unless it has none of its own (no name, number
 * or other caption property the viewer can see): the server then captions it with the schema's
 * English label, shown instead in the reader's language.
 */
export function shownCaption(entity: Pick<TEntity, 'schema' | 'caption' | 'properties'>, schemaLabel: (schema: string) => string): string {
  const own = (schemaOf(entity.schema)?.caption ?? []).some((prop) => (entity.properties[prop] ?? []).some((v) => v.value.trim() !== ''));
  return own ? entity.caption : schemaLabel(entity.schema);
}

/**
 * The link chart of a case's visible entities: every entity that is not a relation is a node;
 * every relation (Ownership, Directorship, Payment, …) is an edge from each value of its
 * schema's source property to each value of its target property. A relation whose end the
 * viewer cannot see (another country's conditions) is left out rather than drawn to nothing.
 */
export function buildGraph(entities: readonly TEntity[], schemaLabel: (schema: string) => string = (schema) => schemaOf(schema)?.label ?? schema): Graph {
  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  for (const entity of entities) {
    if (isEdgeSchema(entity.schema)) continue;
    if (ids.has(entity.ftmId)) continue;
    ids.add(entity.ftmId);
    nodes.push({ id: entity.ftmId, entityId: entity.id, schema: entity.schema, label: shownCaption(entity, schemaLabel), kind: nodeKind(entity.schema) });
  }
  const edges: GraphEdge[] = [];
  for (const entity of entities) {
    if (!isEdgeSchema(entity.schema)) continue;
    const edge = schemaOf(entity.schema)?.edge;
    if (!edge) continue;
    for (const source of valuesOf(entity, edge.source)) {
      for (const target of valuesOf(entity, edge.target)) {
        if (!ids.has(source) || !ids.has(target)) continue;
        edges.push({ id: `${entity.id}:${source}:${target}`, entityId: entity.id, schema: entity.schema, source, target, directed: edge.directed });
      }
    }
  }
  return { nodes, edges };
}

/**
 * What to call a relation: "owner → asset" from the captions of the entities it links (FtM
 * relations have no name of their own). Unknown ends show as "?".
 */
export function relationEnds(entity: Pick<TEntity, 'schema' | 'properties'>, captionOf: (ftmId: string) => string | undefined): { source: string; target: string } | null {
  const edge = schemaOf(entity.schema)?.edge;
  if (!edge) return null;
  const names = (prop: string) => valuesOf(entity, prop).map((id) => captionOf(id) ?? '?').join(', ') || '?';
  return { source: names(edge.source), target: names(edge.target) };
}
