import { useEffect, useMemo, useRef } from 'react';
import { init, use, type ComposeOption } from 'echarts/core';
import { SankeyChart as SankeySeries, type SankeySeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { SankeyGraph, SankeyNodeKind } from './shaping';

// Only the Sankey, its tooltip and the SVG renderer (SVG also prints sharply): a fraction of ECharts.
use([SankeySeries, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<SankeySeriesOption | TooltipComponentOption>;

const COLOURS: Record<SankeyNodeKind, string> = {
  source: '#e8590c',
  internal: '#1c7ed6',
  external: '#ae3ec9',
  held: '#0ca678',
  dissipated: '#868e96',
  returned: '#74c0fc',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface SankeyChartProps {
  graph: SankeyGraph;
  /** The label of each node (by name), already in the reader's language. */
  labelOf: (name: string) => string;
  /** A flow's tooltip line (amount and number of transactions). */
  describeLink: (link: { amount: string; transactions: number }) => string;
  /** Right-to-left readers get the flows from top to bottom (a Sankey cannot run right to left). */
  rtl: boolean;
  ariaLabel: string;
}

/** The Sankey diagram of a tracing result, drawn by ECharts; loaded only when a result is shown. */
export default function SankeyChart({ graph, labelOf, describeLink, rtl, ariaLabel }: SankeyChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const height = Math.max(320, Math.min(1400, 60 + graph.nodes.length * (rtl ? 18 : 34)));

  const option = useMemo<Option>(() => {
    const linkOf = new Map(graph.links.map((l) => [`${l.source}\u0000${l.target}`, l]));
    return {
      // Short: the figures matter, and a print or a screenshot must not catch the diagram half drawn.
      animationDuration: 300,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const p = Array.isArray(params) ? params[0] : params;
          if (!p) return '';
          if (p.dataType === 'edge') {
            const data = p.data as { source: string; target: string };
            const link = linkOf.get(`${data.source}\u0000${data.target}`);
            return `<div dir="auto">${escapeHtml(labelOf(data.source))} → ${escapeHtml(labelOf(data.target))}<br/><b>${escapeHtml(link ? describeLink(link) : '')}</b></div>`;
          }
          return `<div dir="auto">${escapeHtml(labelOf(String(p.name)))}</div>`;
        },
      },
      series: [
        {
          type: 'sankey',
          orient: rtl ? 'vertical' : 'horizontal',
          left: rtl ? 24 : 8,
          right: rtl ? 24 : 180,
          top: 16,
          bottom: rtl ? 120 : 16,
          nodeGap: 14,
          nodeWidth: 16,
          draggable: false,
          layoutIterations: 64,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
          label: {
            position: rtl ? 'bottom' : 'right',
            width: rtl ? 120 : 170,
            overflow: rtl ? 'break' : 'truncate',
            fontSize: 12,
            color: '#212529',
            formatter: (p: { name: string }) => labelOf(p.name),
          },
          data: graph.nodes.map((n) => ({ name: n.name, itemStyle: { color: COLOURS[n.kind] } })),
          links: graph.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
        },
      ],
    };
  }, [graph, labelOf, describeLink, rtl]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: 'svg' });
    element.dataset.ready = 'false';
    // Drawn in full (tests and screenshots wait for this).
    chart.on('finished', () => {
      element.dataset.ready = 'true';
    });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} data-testid="tracing-sankey" data-nodes={graph.nodes.length} data-orient={rtl ? 'vertical' : 'horizontal'} style={{ width: '100%', height }} />;
}
