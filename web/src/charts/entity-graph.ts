import type { Entity, Relationship } from '../../../src/model/tiers.js';
import { svg } from '../dom.js';
import { forceLayout } from './force-layout.js';

const WIDTH = 720;
const HEIGHT = 420;

/**
 * Entities as labelled nodes, relationships as labelled edges. Nodes are focusable buttons (click,
 * Enter or Space selects) and can be dragged; the selected node is marked by a thicker ring and
 * `aria-pressed`, not by colour alone.
 */
export function entityGraph(entities: Entity[], relationships: Relationship[], onSelect: (entity: Entity) => void): SVGSVGElement {
  const byName = new Map(entities.map((e) => [e.name.toLowerCase(), e]));
  const edges = relationships
    .map((r) => ({ relationship: r, source: byName.get(r.sourceName.toLowerCase()), target: byName.get(r.targetName.toLowerCase()) }))
    .filter((e): e is { relationship: Relationship; source: Entity; target: Entity } => e.source !== undefined && e.target !== undefined);
  const layout = forceLayout(entities.map((e) => e.id), edges.map((e) => [e.source.id, e.target.id]), WIDTH, HEIGHT);

  const edgeViews = edges.map((edge) => {
    const line = svg('line', { class: 'edge' });
    const label = svg('text', { class: 'edge-label', 'text-anchor': 'middle' }, edge.relationship.type);
    const place = () => {
      const a = layout.get(edge.source.id)!;
      const b = layout.get(edge.target.id)!;
      line.setAttribute('x1', String(a.x));
      line.setAttribute('y1', String(a.y));
      line.setAttribute('x2', String(b.x));
      line.setAttribute('y2', String(b.y));
      label.setAttribute('x', String((a.x + b.x) / 2));
      label.setAttribute('y', String((a.y + b.y) / 2 - 4));
    };
    place();
    return { edge, place, view: svg('g', {}, svg('title', {}, `${edge.source.name} ${edge.relationship.type} ${edge.target.name}`), line, label) };
  });

  const root = svg('svg', { class: 'graph', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': `Entity graph: ${entities.length} entities, ${edges.length} relationships` });
  const nodeViews = entities.map((entity) => {
    const node = svg(
      'g',
      { class: 'node', role: 'button', tabindex: 0, 'aria-pressed': 'false', 'aria-label': `${entity.name} (${entity.types.join(', ') || 'no type'})`, 'data-entity': entity.name },
      svg('circle', { r: 10 + Math.round(entity.confidence * 8) }),
      svg('text', { 'text-anchor': 'middle', dy: 32 }, entity.name),
    );
    const place = () => {
      const p = layout.get(entity.id)!;
      node.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
    };
    place();
    const select = () => {
      for (const other of root.querySelectorAll('.node')) other.setAttribute('aria-pressed', String(other === node));
      onSelect(entity);
    };
    let dragged = false;
    node.addEventListener('pointerdown', (event) => {
      dragged = false;
      node.setPointerCapture(event.pointerId);
    });
    node.addEventListener('pointermove', (event) => {
      if (!node.hasPointerCapture(event.pointerId)) return;
      const point = toSvgPoint(root, event);
      const p = layout.get(entity.id)!;
      if (Math.hypot(point.x - p.x, point.y - p.y) < 3 && !dragged) return;
      dragged = true;
      Object.assign(p, point);
      place();
      for (const e of edgeViews) if (e.edge.source === entity || e.edge.target === entity) e.place();
    });
    node.addEventListener('click', () => {
      if (!dragged) select();
    });
    node.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    });
    return node;
  });
  root.append(...edgeViews.map((e) => e.view), ...nodeViews);
  return root;
}

function toSvgPoint(root: SVGSVGElement, event: PointerEvent): { x: number; y: number } {
  const box = root.getBoundingClientRect();
  return { x: ((event.clientX - box.left) / box.width) * WIDTH, y: ((event.clientY - box.top) / box.height) * HEIGHT };
}
