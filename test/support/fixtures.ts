import { randomUUID } from 'node:crypto';
import type { ActiveMemory } from '../../src/model/active-memory.js';
import type { Episode } from '../../src/model/episode.js';
import type { Fact } from '../../src/model/fact.js';
import type { Scope } from '../../src/model/scope.js';

export const T0 = '2026-01-01T00:00:00.000Z';

export function scope(externalId = 'agent-1', tenantId = 'tenant-a'): Scope {
  return { tenantId, externalId };
}

export function activeMemory(s: Scope, sectionIds = ['goals', 'notes']): ActiveMemory {
  return {
    id: randomUUID(),
    ...s,
    title: 'Working memory',
    template: { sections: sectionIds.map((id) => ({ id, title: id.toUpperCase() })) },
    sections: sectionIds.map((id) => ({ id, title: id.toUpperCase(), content: '', updateCount: 0, updatedAt: T0 })),
    metadata: { purpose: 'test' },
    createdAt: T0,
    updatedAt: T0,
  };
}

export function episode(s: Scope, overrides: Partial<Episode> = {}): Episode {
  return {
    id: randomUUID(),
    ...s,
    type: 'episodic_event',
    text: 'Met Alice at the café in Lisbon.',
    importance: 0.5,
    confidence: 0.8,
    emotionalValence: 0,
    tags: [],
    metadata: {},
    occurredAt: T0,
    createdAt: T0,
    accessCount: 0,
    lastAccessedAt: null,
    sessionId: null,
    position: null,
    speaker: null,
    status: 'active',
    consolidatedAt: null,
    ...overrides,
  };
}

export function fact(s: Scope, overrides: Partial<Fact> = {}): Fact {
  return {
    id: randomUUID(),
    ...s,
    key: 'user.favorite_color',
    category: 'preference',
    subject: 'user',
    predicate: 'favorite_color',
    value: 'blue',
    confidence: 0.9,
    evidenceIds: [],
    metadata: {},
    validFrom: T0,
    validTo: null,
    createdAt: T0,
    ...overrides,
  };
}

/** A deterministic unit vector pointing mostly along `axis`. */
export function unitVector(dimension: number, axis: number, spread = 0.1): Float32Array {
  const v = new Float32Array(dimension).fill(spread / Math.sqrt(dimension));
  v[axis % dimension] = 1;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
