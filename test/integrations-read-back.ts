/** A second process: opens the store given as JSON and prints what it finds of a scope. */
import { AgentMem } from '../src/agent-mem.js';

const [locationJson, externalId] = process.argv.slice(2);
const mem = await AgentMem.open({ ...JSON.parse(locationJson!), tenantId: 'acme' });
try {
  const episodes = await mem.listEpisodes({ externalId: externalId!, limit: 500 });
  const facts = await mem.listFacts({ externalId: externalId!, includeHistory: true });
  const reports = await mem.getSleepReports({ externalId: externalId! });
  process.stdout.write(JSON.stringify({ episodes: episodes.items, facts, reports }));
} finally {
  await mem.close();
}
