import { Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { TCaseDetail } from '@focal/shared';
import cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { useEntities } from './api';
import { useEntityParam } from './EntitiesTab';
import { EntityDrawer } from './EntityDrawer';
import { indexEntities, useSchemaLabel } from './EntityView';
import type { NodeKind } from './format';
import { buildGraph, type Graph } from './graph';

/** Colours and shapes per kind of node, also used by the legend. */
const KIND_STYLE: Record<NodeKind, { color: string; shape: 'ellipse' | 'round-rectangle' | 'diamond' }> = {
  person: { color: '#1c7ed6', shape: 'ellipse' },
  organization: { color: '#9c36b5', shape: 'round-rectangle' },
  asset: { color: '#0c8599', shape: 'diamond' },
};

/** Force-directed for a readable chart; its cost grows with the square of the nodes, so large cases get rings. */
function layoutFor(nodes: number): cytoscape.LayoutOptions {
  if (nodes <= 1) return { name: 'grid', padding: 30 };
  if (nodes > LARGE_GRAPH) return { name: 'concentric', animate: false, padding: 30, minNodeSpacing: 20 };
  return { name: 'cose', animate: false, padding: 30, nodeDimensionsIncludeLabels: true } as cytoscape.LayoutOptions;
}

const LARGE_GRAPH = 400;

function Chart({ graph, edgeLabel, onOpen, label }: { graph: Graph; edgeLabel: (schema: string) => string; onOpen: (entityId: string) => void; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    if (!container.current) return;
    const font = getComputedStyle(container.current).fontFamily;
    const cy = cytoscape({
      container: container.current,
      elements: [
        ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, entityId: n.entityId, label: n.label, kind: n.kind } })),
        ...graph.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, entityId: e.entityId, source: e.source, target: e.target, label: edgeLabel(e.schema), directed: e.directed ? 'yes' : 'no' } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-family': font,
            'font-size': 11,
            'text-wrap': 'wrap',
            'text-max-width': '150px',
            'text-valign': 'bottom',
            'text-margin-y': 6,
            color: '#212529',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '2px',
            width: 34,
            height: 34,
            'border-width': 2,
            'border-color': '#ffffff',
          },
        },
        ...(Object.entries(KIND_STYLE) as [NodeKind, (typeof KIND_STYLE)[NodeKind]][]).map(([kind, s]) => ({
          selector: `node[kind = "${kind}"]`,
          style: { 'background-color': s.color, shape: s.shape },
        })),
        {
          selector: 'edge',
          style: {
            label: 'data(label)',
            'font-family': font,
            'font-size': 10,
            color: '#495057',
            'text-rotation': 'autorotate',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '1px',
            width: 2,
            'line-color': '#adb5bd',
            'curve-style': 'bezier',
          },
        },
        { selector: 'edge[directed = "yes"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#adb5bd' } },
        { selector: ':selected', style: { 'border-color': '#fab005', 'line-color': '#fab005', 'target-arrow-color': '#fab005' } },
      ],
      layout: layoutFor(graph.nodes.length),
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
    });
    cy.on('tap', 'node, edge', (event) => {
      const entityId = event.target.data('entityId') as string | undefined;
      if (entityId) openRef.current(entityId);
    });
    // Pointer feedback: the canvas does not know what it shows.
    cy.on('mouseover', 'node, edge', () => {
      if (container.current) container.current.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node, edge', () => {
      if (container.current) container.current.style.cursor = '';
    });
    return () => cy.destroy();
  }, [graph, edgeLabel]);

  return (
    <Box
      ref={container}
      role="img"
      aria-label={label}
      data-testid="link-chart"
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      h={560}
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', background: 'var(--mantine-color-gray-0)' }}
      // Drawn left to right whatever the language: the chart has no reading direction.
      dir="ltr"
    />
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="lg" wrap="wrap" data-testid="link-chart-legend">
      {(Object.keys(KIND_STYLE) as NodeKind[]).map((kind) => (
        <Group key={kind} gap={6} wrap="nowrap">
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            {KIND_STYLE[kind].shape === 'ellipse' ? <circle cx="8" cy="8" r="7" fill={KIND_STYLE[kind].color} /> : null}
            {KIND_STYLE[kind].shape === 'round-rectangle' ? <rect x="1" y="1" width="14" height="14" rx="3" fill={KIND_STYLE[kind].color} /> : null}
            {KIND_STYLE[kind].shape === 'diamond' ? <path d="M8 0 L16 8 L8 16 L0 8 Z" fill={KIND_STYLE[kind].color} /> : null}
          </svg>
          <Text size="sm">{t(`cases.graph.kind.${kind}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** The case's entities as a network: people, organisations and assets, linked by their relations. */
export default function LinkChartTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const entities = useEntities(detail.id);
  const items = useMemo(() => entities.data ?? [], [entities.data]);
  const index = useMemo(() => indexEntities(items), [items]);
  const schemaLabel = useSchemaLabel();
  const graph = useMemo(() => buildGraph(items, schemaLabel), [items, schemaLabel]);
  const { selected, open, close } = useEntityParam();
  // Stable for the chart, so a re-render does not lay it out again.
  const edgeLabel = useMemo(() => (schema: string) => t(`cases.graph.edge.${schema}`), [t]);

  return (
    <Stack gap="sm" data-testid="chart-tab">
      <QueryState query={entities} isEmpty={graph.nodes.length === 0} empty={<EmptyMessage title={t('cases.graph.emptyTitle')}>{t('cases.graph.empty')}</EmptyMessage>}>
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('cases.graph.help')}
          </Text>
          <Legend />
        </Group>
        <Paper radius="md">
          <Chart graph={graph} edgeLabel={edgeLabel} onOpen={open} label={t('cases.graph.label', { nodes: graph.nodes.length, edges: graph.edges.length })} />
        </Paper>
        <Group>
          <Text size="xs" c="dimmed">
            {t('cases.graph.counts', { nodes: graph.nodes.length, edges: graph.edges.length })}
          </Text>
          <Button variant="subtle" size="compact-xs" component={Link} to={`/cases/${detail.id}/entities`}>
            {t('cases.graph.asList')}
          </Button>
        </Group>
      </QueryState>
      <EntityDrawer detail={detail} entity={items.find((e) => e.id === selected)} entities={items} index={index} opened={Boolean(selected) && !entities.isLoading} onClose={close} onOpen={open} />
    </Stack>
  );
}
