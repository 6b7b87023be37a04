/** Requests per route or tool and how each was answered, printed as a markdown table. */
export class Tally {
  private readonly rows = new Map<string, Map<string, number>>();

  add(target: string, outcome: string): void {
    const row = this.rows.get(target) ?? new Map<string, number>();
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
    this.rows.set(target, row);
  }

  total(): number {
    return [...this.rows.values()].reduce((sum, row) => sum + [...row.values()].reduce((a, b) => a + b, 0), 0);
  }

  table(title: string): string {
    const outcomes = [...new Set([...this.rows.values()].flatMap((row) => [...row.keys()]))].sort();
    const total = (row: Map<string, number>) => [...row.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `| ${title} | requests | ${outcomes.join(' | ')} |`,
      `|---|---:|${outcomes.map(() => '---:').join('|')}|`,
      ...[...this.rows].map(([target, row]) => `| ${target} | ${total(row)} | ${outcomes.map((o) => row.get(o) ?? 0).join(' | ')} |`),
    ];
    return `${lines.join('\n')}\n\n${this.total()} requests in all.`;
  }
}
