import { svg } from '../dom.js';

export interface TimelinePoint {
  at: Date;
  value: number;
  label: string;
}

/**
 * A small line chart of values (0..1) over time: each point is a marked dot with a text label and
 * a <title>, so it reads without colour.
 */
export function timelineChart(title: string, points: TimelinePoint[], width = 520, height = 180): SVGSVGElement {
  const pad = { left: 40, right: 16, top: 16, bottom: 32 };
  const times = points.map((p) => p.at.getTime());
  const first = Math.min(...times);
  const span = Math.max(Math.max(...times) - first, 1);
  const x = (at: Date) => pad.left + (points.length === 1 ? (width - pad.left - pad.right) / 2 : ((at.getTime() - first) / span) * (width - pad.left - pad.right));
  const y = (value: number) => pad.top + (1 - Math.min(Math.max(value, 0), 1)) * (height - pad.top - pad.bottom);
  const line = points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
    svg('title', {}, title),
    [0, 0.5, 1].map((v) => [
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, v.toFixed(1)),
    ]),
    svg('polyline', { points: line, class: 'series' }),
    points.map((p, i) =>
      svg(
        'g',
        { class: 'point' },
        svg('title', {}, `${p.at.toLocaleString()}: ${p.label}`),
        svg('circle', { cx: x(p.at), cy: y(p.value), r: 5 }),
        svg('text', { x: x(p.at), y: y(p.value) - 9, 'text-anchor': 'middle', class: 'value' }, p.value.toFixed(2)),
        svg('text', { x: x(p.at), y: height - 10, 'text-anchor': i === 0 && points.length > 1 ? 'start' : i === points.length - 1 && points.length > 1 ? 'end' : 'middle', class: 'axis' }, p.at.toLocaleDateString()),
      ),
    ),
  );
}
