import { RUN_KINDS, type ConsolidationRun, type RunStatus } from '../../../src/model/run.js';
import { svg } from '../dom.js';

/** Each status has its own shape and its own word, so the chart reads without colour. */
export const MARKS: Record<RunStatus, { symbol: string; word: string }> = {
  succeeded: { symbol: '●', word: 'succeeded' },
  failed: { symbol: '✕', word: 'failed' },
  skipped: { symbol: '○', word: 'skipped' },
  running: { symbol: '▶', word: 'running' },
  abandoned: { symbol: '◌', word: 'abandoned' },
};

/** Runs on a time axis, one row per kind (consolidation, promotion, sleep). */
export function runsTimeline(runs: ConsolidationRun[], width = 720): SVGSVGElement {
  const rowHeight = 36;
  const pad = { left: 110, right: 20, top: 10, bottom: 40 };
  const height = pad.top + rowHeight * RUN_KINDS.length + pad.bottom;
  const times = runs.map((run) => new Date(run.startedAt).getTime());
  const first = Math.min(...times);
  const span = Math.max(Math.max(...times) - first, 1);
  const x = (at: string) => pad.left + (runs.length === 1 ? 0.5 : (new Date(at).getTime() - first) / span) * (width - pad.left - pad.right);
  const rowY = (kind: string) => pad.top + rowHeight * (RUN_KINDS.indexOf(kind as (typeof RUN_KINDS)[number]) + 0.5);
  return svg(
    'svg',
    { class: 'chart runs', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Timeline of ${runs.length} runs` },
    svg('title', {}, `Timeline of ${runs.length} runs`),
    RUN_KINDS.map((kind) => [
      svg('line', { x1: pad.left, x2: width - pad.right, y1: rowY(kind), y2: rowY(kind), class: 'grid' }),
      svg('text', { x: pad.left - 10, y: rowY(kind) + 4, 'text-anchor': 'end', class: 'axis' }, kind),
    ]),
    runs.map((run) => {
      const mark = MARKS[run.status] ?? { symbol: '?', word: run.status };
      return svg(
        'text',
        { x: x(run.startedAt), y: rowY(run.kind) + 6, 'text-anchor': 'middle', class: `mark ${run.status}` },
        svg('title', {}, `${run.kind} ${mark.word} at ${new Date(run.startedAt).toLocaleString()}${run.error ? `: ${run.error}` : ''}`),
        mark.symbol,
      );
    }),
    svg('text', { x: pad.left, y: height - 12, class: 'axis' }, new Date(first).toLocaleString()),
    svg('text', { x: width - pad.right, y: height - 12, 'text-anchor': 'end', class: 'axis' }, new Date(first + span).toLocaleString()),
  );
}

export function runLegend(): string {
  return Object.values(MARKS)
    .map((m) => `${m.symbol} ${m.word}`)
    .join('   ');
}
