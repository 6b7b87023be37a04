/** Child process for the two-process test: updates one section N times on a shared SQLite file. */
import { AgentMem } from '../../../src/agent-mem.js';

const [dataDir, memoryId, sectionId, times] = process.argv.slice(2);
const mem = await AgentMem.open({ dataDir });
for (let i = 0; i < Number(times); i++) {
  await mem.updateActiveMemorySection({ externalId: 'shared-agent', memoryId: memoryId!, sectionId: sectionId!, newContent: `${sectionId} #${i}` });
}
await mem.close();
