export interface LayoutNode {
  id: string;
  x: number;
  y: number;
}

/**
 * A small deterministic force-directed layout (Fruchterman–Reingold): nodes repel, edges pull,
 * a weak pull keeps everything near the centre. Starts from a circle so the picture is stable.
 */
export function forceLayout(ids: string[], edges: Array<[string, string]>, width: number, height: number, iterations = 300): Map<string, LayoutNode> {
  const nodes = ids.map((id, i) => {
    const angle = (2 * Math.PI * i) / Math.max(ids.length, 1);
    return { id, x: width / 2 + (width / 3) * Math.cos(angle), y: height / 2 + (height / 3) * Math.sin(angle) };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const k = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.7;
  let temperature = width / 10;
  for (let step = 0; step < iterations; step++) {
    const force = new Map(nodes.map((n) => [n.id, { x: 0, y: 0 }]));
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b) continue;
        const dx = a.x - b.x || 0.01;
        const dy = a.y - b.y || 0.01;
        const distance = Math.max(Math.hypot(dx, dy), 0.01);
        const push = (k * k) / distance;
        force.get(a.id)!.x += (dx / distance) * push;
        force.get(a.id)!.y += (dy / distance) * push;
      }
    }
    for (const [source, target] of edges) {
      const a = byId.get(source);
      const b = byId.get(target);
      if (!a || !b || a === b) continue;
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const distance = Math.max(Math.hypot(dx, dy), 0.01);
      const pull = (distance * distance) / k;
      force.get(a.id)!.x -= (dx / distance) * pull;
      force.get(a.id)!.y -= (dy / distance) * pull;
      force.get(b.id)!.x += (dx / distance) * pull;
      force.get(b.id)!.y += (dy / distance) * pull;
    }
    for (const node of nodes) {
      const f = force.get(node.id)!;
      f.x += (width / 2 - node.x) * 0.05;
      f.y += (height / 2 - node.y) * 0.05;
      const length = Math.max(Math.hypot(f.x, f.y), 0.01);
      node.x = clamp(node.x + (f.x / length) * Math.min(length, temperature), 40, width - 40);
      node.y = clamp(node.y + (f.y / length) * Math.min(length, temperature), 30, height - 30);
    }
    temperature *= 0.98;
  }
  return byId;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
