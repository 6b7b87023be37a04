import type { ConsolidationRun } from '../../../src/model/run.js';
import { runLegend, runsTimeline } from '../charts/runs-timeline.js';
import { h, replaceChildren, table } from '../dom.js';
import { describeRecord, formatDate, isRecord } from '../format.js';
import { operations } from '../operations.js';
import { runAction, type Panel, type PanelContext } from '../panel.js';
import { activeMemoriesOf } from './active.js';

/** Consolidation, promotion and sleep-cycle runs as a timeline and a table; buttons trigger them. */
export const runsPanel: Panel = async (context, root) => {
  const { runs } = await context.api.call<{ runs: ConsolidationRun[] }>(operations.runs, { params: { externalId: context.externalId }, input: { limit: 200 } });
  replaceChildren(
    root,
    h('div', { class: 'actions' }, await triggerButtons(context)),
    runs.length
      ? [
          h('div', { class: 'card' }, h('h2', {}, 'Timeline'), runsTimeline(runs), h('p', { class: 'muted' }, runLegend())),
          table(
            `${runs.length} run${runs.length === 1 ? '' : 's'}, newest first`,
            ['Started', 'Kind', 'Trigger', 'Status', 'Counts', 'Error', 'Took'],
            runs.map((run) => [
              formatDate(run.startedAt),
              run.kind,
              run.trigger,
              run.status,
              describeRecord(run.counts) || '—',
              run.error ?? reportErrors(run.report) ?? '—',
              run.finishedAt ? `${((new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000).toFixed(1)} s` : 'running',
            ]),
          ),
        ]
      : h('p', {}, 'No runs yet.'),
  );
};

/** Errors a sleep-cycle report lists without failing the run. */
function reportErrors(report: unknown): string | undefined {
  const errors = isRecord(report) && Array.isArray(report.errors) ? report.errors : [];
  return errors.length ? errors.map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : String(e))).join('; ') : undefined;
}

async function triggerButtons(context: PanelContext): Promise<HTMLElement[]> {
  const buttons: HTMLElement[] = [];
  const trigger = async (label: string, operationId: string, params: Record<string, string>) => {
    // Both a consolidation run and a sleep-cycle report carry a status.
    const { status } = await context.api.call<{ status: string }>(operationId, { params: { externalId: context.externalId, ...params } });
    context.notify(`${label}: ${status}.`);
    context.reload();
  };
  if (context.api.offers(operations.sleepCycle)) {
    buttons.push(h('button', { 'on:click': () => void runAction(context, () => trigger('Sleep cycle', operations.sleepCycle, {})) }, 'Run sleep cycle now'));
  }
  if (context.api.offers(operations.consolidate)) {
    const memories = await activeMemoriesOf(context);
    for (const memory of memories) {
      const label = `Consolidate "${memory.title}"`;
      buttons.push(h('button', { 'on:click': () => void runAction(context, () => trigger(label, operations.consolidate, { memoryId: memory.id })) }, `${label} now`));
    }
  }
  return buttons;
}
