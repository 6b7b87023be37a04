import { addEpisodesSchema, episodeInputSchema, listEpisodesSchema, type AddEpisodeInput, type AddEpisodesInput } from '../../model/schemas/episode.js';
import { parseQuery, queryList, queryNumber, queryPositiveInt } from './query.js';
import type { Route } from './route.js';
import { scopedInput } from './scope-body.js';

const base = '/v1/scopes/:externalId/episodes';
const tag = 'episodes';

const listQuery = listEpisodesSchema.omit({ externalId: true }).extend({
  types: queryList.pipe(listEpisodesSchema.shape.types.unwrap()).optional(),
  statuses: queryList.pipe(listEpisodesSchema.shape.statuses.unwrap()).optional(),
  tags: queryList.pipe(listEpisodesSchema.shape.tags.unwrap()).optional(),
  minImportance: queryNumber.optional(),
  minConfidence: queryNumber.optional(),
  limit: queryPositiveInt.optional(),
});
const ref = (params: Record<string, string>) => ({ externalId: params.externalId!, episodeId: params.episodeId! });

export const episodeRoutes: Route[] = [
  {
    method: 'post',
    path: base,
    operationId: 'addEpisode',
    summary: 'Record one episode (event, preference, hypothesis, observation, task outcome, conversation turn)',
    tag,
    body: episodeInputSchema,
    status: 201,
    handle: (r) => r.mem.addEpisode(scopedInput<AddEpisodeInput>(r)),
  },
  {
    method: 'post',
    path: `${base}/batch`,
    operationId: 'addEpisodes',
    summary: 'Record many episodes at once',
    tag,
    body: addEpisodesSchema.omit({ externalId: true }),
    status: 201,
    handle: async (r) => ({ episodes: await r.mem.addEpisodes(scopedInput<AddEpisodesInput>(r)) }),
  },
  {
    method: 'get',
    path: base,
    operationId: 'listEpisodes',
    summary: 'Episodes newest first, filtered (lists are comma-separated), a page at a time',
    tag,
    query: listQuery,
    handle: (r) => r.mem.listEpisodes({ externalId: r.params.externalId!, ...parseQuery(listQuery, r.query) }),
  },
  {
    method: 'get',
    path: `${base}/:episodeId`,
    operationId: 'getEpisode',
    summary: 'One episode (counts as an access)',
    tag,
    handle: (r) => r.mem.getEpisode(ref(r.params)),
  },
  {
    method: 'delete',
    path: `${base}/:episodeId`,
    operationId: 'deleteEpisode',
    summary: 'Delete an episode',
    tag,
    status: 204,
    handle: (r) => r.mem.deleteEpisode(ref(r.params)),
  },
];
