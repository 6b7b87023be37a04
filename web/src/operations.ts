/**
 * The REST operations each view uses, by operationId, with the alternatives a server may name them
 * by. The first one the server's OpenAPI document lists is called.
 */
export const operations = {
  listAgents: ['listScopes', 'getScopes', 'listAgents'],
  activeMemories: ['getActiveMemories'],
  updateSections: ['updateActiveMemorySections'],
  shortTerm: ['getShortTermMemory'],
  longTerm: ['getLongTermMemory'],
  listEpisodes: ['listEpisodes'],
  deleteEpisode: ['deleteEpisode'],
  listFacts: ['listFacts'],
  factHistory: ['factHistory', 'getFactHistory'],
  deleteFact: ['deleteFact'],
  search: ['retrieveMemories', 'searchMemories'],
  runs: ['getConsolidationRuns', 'listConsolidationRuns'],
  consolidate: ['consolidate', 'consolidateNow', 'consolidateActiveMemory'],
  sleepCycle: ['runSleepCycle', 'triggerSleepCycle'],
  deleteAgent: ['deleteScope', 'deleteAgent', 'deleteAllMemories'],
} as const;
