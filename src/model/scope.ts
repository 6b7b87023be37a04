/** Every row belongs to one scope; stores filter by it, never the caller. */
export interface Scope {
  tenantId: string;
  externalId: string;
}

export const DEFAULT_TENANT = 'default';

export type Json = Record<string, unknown>;
