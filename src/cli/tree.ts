export interface TreeNode {
  label: string;
  children?: TreeNode[];
}

/** Renders nodes as an indented tree with box-drawing branches. */
export function renderTree(nodes: TreeNode[], prefix = ''): string[] {
  return nodes.flatMap((node, i) => {
    const last = i === nodes.length - 1;
    return [`${prefix}${last ? '└─ ' : '├─ '}${node.label}`, ...renderTree(node.children ?? [], `${prefix}${last ? '   ' : '│  '}`)];
  });
}

/** Text cut to one line of at most `max` characters. */
export function clip(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
