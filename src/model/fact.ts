import type { Json } from './scope.js';

/** One version of a fact; the current one has `validTo === null`. */
export interface Fact {
  id: string;
  tenantId: string;
  externalId: string;
  key: string;
  category: string;
  subject: string | null;
  predicate: string | null;
  value: string;
  confidence: number;
  evidenceIds: string[];
  metadata: Json;
  validFrom: string;
  validTo: string | null;
  createdAt: string;
}
