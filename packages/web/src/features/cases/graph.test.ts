import { describe, expect, it } from 'vitest';
import { buildGraph, relationEnds, shownCaption } from './graph';
import { entity } from './testEntities';

const person = entity('p1', 'Person', { name: ['Иван Петров', 'Ivan Petrov'] }, 'Иван Петров');
const company = entity('c1', 'Company', { name: ['Meridian Holdings'] }, 'Meridian Holdings');
const account = entity('a1', 'BankAccount', { iban: ['CH9300762011623852957'], country: ['ch'] }, 'CH9300762011623852957');
const owns = entity('o1', 'Ownership', { owner: ['p1'], asset: ['a1'] }, 'Ownership');
const directs = entity('d1', 'Directorship', { director: ['p1'], organization: ['c1'] }, 'Directorship');

describe('link chart elements', () => {
  it('makes nodes of parties and assets, and edges of relations from source to target', () => {
    const graph = buildGraph([person, company, account, owns, directs]);
    expect(graph.nodes.map((n) => [n.id, n.kind, n.label])).toEqual([
      ['p1', 'person', 'Иван Петров'],
      ['c1', 'organization', 'Meridian Holdings'],
      ['a1', 'asset', 'CH9300762011623852957'],
    ]);
    expect(graph.edges.map((e) => [e.schema, e.source, e.target, e.directed])).toEqual([
      ['Ownership', 'p1', 'a1', true],
      ['Directorship', 'p1', 'c1', true],
    ]);
    expect(graph.edges[0]!.entityId).toBe('uuid-o1');
    expect(graph.nodes[0]!.entityId).toBe('uuid-p1');
  });

  it('draws one edge per pair when a relation has several values, and none to an end the viewer cannot see', () => {
    const shared = entity('o2', 'Ownership', { owner: ['p1', 'c1'], asset: ['a1', 'hidden'] });
    const graph = buildGraph([person, company, account, shared]);
    expect(graph.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['p1->a1', 'c1->a1']);
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(2);
  });

  it('is empty without entities', () => {
    expect(buildGraph([])).toEqual({ nodes: [], edges: [] });
  });

  it('names a relation by its ends', () => {
    const captions = new Map([person, account].map((e) => [e.ftmId, e.caption]));
    expect(relationEnds(owns, (id) => captions.get(id))).toEqual({ source: 'Иван Петров', target: 'CH9300762011623852957' });
    expect(relationEnds(directs, (id) => captions.get(id))).toEqual({ source: 'Иван Петров', target: '?' });
    expect(relationEnds(person, () => undefined)).toBeNull();
  });

  it('shows the schema in the reader’s language for an entity with no caption of its own', () => {
    // The server captions a vehicle without a name or registration with the model's English label.
    const vehicle = entity('v1', 'Vehicle', { model: ['Range Rover'] }, 'Vehicle');
    const french = (schema: string) => ({ Vehicle: 'Véhicule', Person: 'Personne' })[schema] ?? schema;
    expect(shownCaption(vehicle, french)).toBe('Véhicule');
    expect(shownCaption(person, french)).toBe('Иван Петров');
    expect(buildGraph([person, vehicle], french).nodes.map((n) => n.label)).toEqual(['Иван Петров', 'Véhicule']);
    // A name given later is the caption again.
    expect(shownCaption(entity('v2', 'Vehicle', { name: ['Yacht tender'] }, 'Yacht tender'), french)).toBe('Yacht tender');
  });
});
