import type { LanguageModel } from 'ai';
import { HeuristicExtractor } from '../ai/extraction/heuristic-extractor.js';
import { LlmExtractor } from '../ai/extraction/llm-extractor.js';
import { StructuredOutputFailure } from '../ai/extraction/structured-output.js';
import type { Extraction } from '../ai/extraction/types.js';

export interface ExtractionOutcome {
  extraction: Extraction;
  extractor: 'llm' | 'heuristic';
  /** Set when the model was asked and the heuristic extractor had to take over. */
  fallbackReason?: string;
}

const heuristic = new HeuristicExtractor();

/** The model extracts when one is configured; the heuristic extractor otherwise, or when the model fails. */
export async function extractEntities(texts: string[], llm: LanguageModel | undefined, timeoutMs: number): Promise<ExtractionOutcome> {
  if (texts.length === 0) return { extraction: { entities: [], relationships: [] }, extractor: llm ? 'llm' : 'heuristic' };
  if (llm) {
    try {
      return { extraction: await new LlmExtractor(llm, timeoutMs).extract(texts), extractor: 'llm' };
    } catch (error) {
      if (!(error instanceof StructuredOutputFailure)) throw error;
      return { extraction: await heuristic.extract(texts), extractor: 'heuristic', fallbackReason: `${error.kind}: ${error.message}` };
    }
  }
  return { extraction: await heuristic.extract(texts), extractor: 'heuristic' };
}
