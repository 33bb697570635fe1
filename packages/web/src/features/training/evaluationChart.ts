import { use, init, type ComposeOption } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

/**
 * The evaluation results as a stacked bar per question: how many participants gave each rating.
 * Loaded only when an organiser opens the results, with only the parts of ECharts it draws.
 */
use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartInput {
  /** Question labels, already translated, top to bottom. */
  questions: string[];
  /** Per rating 1..5: its label and the count for each question. */
  ratings: { label: string; counts: number[] }[];
  rtl: boolean;
}

const COLOURS = ['#c92a2a', '#f08c00', '#fab005', '#74b816', '#2b8a3e'];

export function drawEvaluationChart(element: HTMLElement, input: ChartInput): () => void {
  const chart = init(element, undefined, { renderer: 'svg' });
  const option: Option = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, [input.rtl ? 'right' : 'left']: 0 },
    grid: { top: 36, left: 8, right: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, inverse: input.rtl },
    yAxis: { type: 'category', data: input.questions, inverse: true, position: input.rtl ? 'right' : 'left' },
    series: input.ratings.map((rating, i) => ({
      type: 'bar',
      name: rating.label,
      stack: 'ratings',
      data: rating.counts,
      itemStyle: { color: COLOURS[i] },
      emphasis: { focus: 'series' },
    })),
  };
  chart.setOption(option);
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
