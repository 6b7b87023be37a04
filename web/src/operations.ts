/** The REST operations the views call, by the operationId the server's OpenAPI document gives them. */
export const operations = {
  status: 'status',
  listAgents: 'listScopes',
  activeMemories: 'getActiveMemories',
  updateSections: 'updateActiveMemorySections',
  shortTerm: 'getShortTermMemory',
  longTerm: 'getLongTermMemory',
  listEpisodes: 'listEpisodes',
  deleteEpisode: 'deleteEpisode',
  listFacts: 'listFacts',
  factHistory: 'factHistory',
  deleteFact: 'deleteFact',
  search: 'retrieveMemories',
  runs: 'getConsolidationRuns',
  consolidate: 'consolidate',
  sleepCycle: 'runSleepCycle',
  deleteAgent: 'deleteScope',
} as const;
