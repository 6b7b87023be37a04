import { z } from 'zod';
import type { ConsolidationConflicts } from './conflicts-types.js';

const unit = z.number().min(0).max(1);
const text = z.string().trim().min(1);

const chunkAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), sectionId: text, content: text }),
  z.object({ action: z.literal('update'), chunkId: text, content: text }),
  z.object({ action: z.literal('delete'), chunkId: text }),
]);

const entityAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), name: text, types: z.array(text).min(1), description: z.string(), confidence: unit }),
  z.object({ action: z.literal('merge'), targetId: text, types: z.array(text), description: z.string(), confidence: unit }),
]);

const relationshipFields = { type: text, description: z.string(), confidence: unit, strength: unit };
const relationshipAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), sourceName: text, targetName: text, ...relationshipFields }),
  z.object({ action: z.literal('merge'), targetId: text, ...relationshipFields }),
]);

/** What a consolidation does to the short-term tier; validated before anything runs. */
export const consolidationPlanSchema = z.object({
  chunks: z.array(chunkAction),
  entities: z.array(entityAction),
  relationships: z.array(relationshipAction),
});

export type ConsolidationPlan = z.infer<typeof consolidationPlanSchema>;
export type ChunkAction = ConsolidationPlan['chunks'][number];
export type EntityAction = ConsolidationPlan['entities'][number];
export type RelationshipAction = ConsolidationPlan['relationships'][number];

export interface PlanTargets {
  chunkIds: ReadonlySet<string>;
  entityIds: ReadonlySet<string>;
  relationshipIds: ReadonlySet<string>;
}

export function planTargets(conflicts: ConsolidationConflicts, existing: { entityIds: string[]; relationshipIds: string[] }): PlanTargets {
  return {
    chunkIds: new Set(conflicts.sections.flatMap((s) => s.existingChunks.map((c) => c.id))),
    entityIds: new Set(existing.entityIds),
    relationshipIds: new Set(existing.relationshipIds),
  };
}

/** Every id the plan names that does not exist (or is touched twice), as readable problems. */
export function planProblems(plan: ConsolidationPlan, sectionIds: ReadonlySet<string>, targets: PlanTargets): string[] {
  const problems: string[] = [];
  const touched = new Set<string>();
  const once = (kind: string, id: string) => {
    if (touched.has(`${kind}:${id}`)) problems.push(`${kind} ${id} is changed more than once`);
    touched.add(`${kind}:${id}`);
  };
  for (const c of plan.chunks) {
    if (c.action === 'create') {
      if (!sectionIds.has(c.sectionId)) problems.push(`chunk create names section "${c.sectionId}", which was not updated`);
    } else {
      if (!targets.chunkIds.has(c.chunkId)) problems.push(`chunk ${c.action} names unknown chunk "${c.chunkId}"`);
      once('chunk', c.chunkId);
    }
  }
  for (const e of plan.entities) {
    if (e.action !== 'merge') continue;
    if (!targets.entityIds.has(e.targetId)) problems.push(`entity merge names unknown entity "${e.targetId}"`);
    once('entity', e.targetId);
  }
  for (const r of plan.relationships) {
    if (r.action !== 'merge') continue;
    if (!targets.relationshipIds.has(r.targetId)) problems.push(`relationship merge names unknown relationship "${r.targetId}"`);
    once('relationship', r.targetId);
  }
  return problems;
}
