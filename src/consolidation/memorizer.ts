import type { LanguageModel } from 'ai';
import { generateStructured, StructuredOutputFailure } from '../ai/extraction/structured-output.js';
import type { ConsolidationConflicts } from './conflicts-types.js';
import { resolveDeterministically } from './deterministic-resolver.js';
import { consolidationPlanSchema, planProblems, type ConsolidationPlan, type PlanTargets } from './plan.js';

const SYSTEM = `You are the Memorizer of an agent's memory. Sections of the agent's working memory changed.
Decide how the short-term memory changes, as a ConsolidationPlan:
- chunks: for each section, make its chunks say what its new content says. "create" a chunk (sectionId, content),
  "update" an existing chunk (chunkId, content) when the new text restates or corrects it, "delete" a chunk the
  section no longer supports. Leave unchanged chunks out.
- entities: "merge" an extracted entity into an existing one (targetId = its entityId) when they are the same
  thing, else "create" it. Give types, a description and a confidence from 0 to 1.
- relationships: likewise, "merge" (targetId = relationshipId) or "create" by source and target names.
Use only the ids given. Similarity and overlap scores (0..1) are hints from a lexical matcher.`;

export type MemorizerOutcome = { plan: ConsolidationPlan } | { fallbackReason: string };

/**
 * Sends the conflicts to the language model as one structured-output call and returns its plan
 * once zod and the id check accept it; otherwise says why the deterministic resolver must take over.
 */
export async function askMemorizer(
  model: LanguageModel,
  conflicts: ConsolidationConflicts,
  targets: PlanTargets,
  timeoutMs: number,
): Promise<MemorizerOutcome> {
  let plan: ConsolidationPlan;
  try {
    plan = await generateStructured({
      model,
      schema: consolidationPlanSchema,
      name: 'ConsolidationPlan',
      system: SYSTEM,
      prompt: JSON.stringify(conflicts, null, 1),
      timeoutMs,
    });
  } catch (error) {
    if (error instanceof StructuredOutputFailure) return { fallbackReason: `${error.kind}: ${error.message}` };
    throw error;
  }
  const problems = planProblems(plan, new Set(conflicts.sections.map((s) => s.sectionId)), targets);
  if (problems.length) return { fallbackReason: `invalid: the plan names ids that do not exist: ${problems.join('; ')}` };
  return { plan };
}

export interface DecidedPlan {
  plan: ConsolidationPlan;
  resolver: 'memorizer' | 'deterministic';
  /** Why the Memorizer's answer was not used, when a model was asked. */
  fallbackReason?: string;
}

/** The Memorizer's plan when a model is configured and its answer holds; the deterministic one otherwise. */
export async function decidePlan(
  model: LanguageModel | undefined,
  conflicts: ConsolidationConflicts,
  targets: PlanTargets,
  timeoutMs: number,
): Promise<DecidedPlan> {
  if (!model) return { plan: resolveDeterministically(conflicts), resolver: 'deterministic' };
  const outcome = await askMemorizer(model, conflicts, targets, timeoutMs);
  if ('plan' in outcome) return { plan: outcome.plan, resolver: 'memorizer' };
  return { plan: resolveDeterministically(conflicts), resolver: 'deterministic', fallbackReason: outcome.fallbackReason };
}
