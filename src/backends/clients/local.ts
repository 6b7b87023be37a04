import type { AgentMem } from '../../agent-mem.js';
import { NotFoundError } from '../../errors.js';
import type { FactClient } from '../fact-client.js';

/** The facts of an AgentMem in this process (its tenant). */
export function localFactClient(mem: AgentMem): FactClient {
  return {
    put: async (externalId, key, value, metadata) => {
      await mem.putFact({ externalId, key, value, metadata });
    },
    versions: (externalId, key) => mem.factHistory({ externalId, key }),
    listAllVersions: (externalId) => mem.listFacts({ externalId, includeHistory: true }),
    delete: async (externalId, key) => {
      try {
        await mem.deleteFact({ externalId, key });
        return true;
      } catch (error) {
        if (error instanceof NotFoundError) return false;
        throw error;
      }
    },
    users: async () => (await mem.listScopes()).filter((s) => s.facts > 0).map((s) => s.externalId),
    ping: () => mem.ping(),
  };
}
