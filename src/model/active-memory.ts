import type { Json } from './scope.js';

export interface SectionTemplate {
  id: string;
  title?: string;
  description?: string;
}

export interface ActiveMemoryTemplate {
  sections: SectionTemplate[];
}

export interface ActiveMemorySection {
  id: string;
  title?: string;
  description?: string;
  content: string;
  updateCount: number;
  updatedAt: string;
}

export interface ActiveMemory {
  id: string;
  tenantId: string;
  externalId: string;
  title: string;
  template: ActiveMemoryTemplate;
  /** In template order. */
  sections: ActiveMemorySection[];
  metadata: Json;
  createdAt: string;
  updatedAt: string;
}

export interface ConsolidationInfo {
  totalUpdateCount: number;
  threshold: number;
  willConsolidate: boolean;
}

export interface SectionUpdate {
  sectionId: string;
  newContent: string;
}
