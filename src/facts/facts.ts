import { NotFoundError } from '../errors.js';
import type { Fact } from '../model/fact.js';
import {
  factKeyRefSchema,
  factRefSchema,
  listFactsSchema,
  putFactSchema,
  type FactKeyRef,
  type FactRef,
  type ListFactsInput,
  type PutFactInput,
} from '../model/schemas/fact.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import { factText, writeFactVersion } from './fact-versions.js';

/** Semantic facts: key → value with history; a new value closes the old version, never overwrites it. */
export class Facts {
  constructor(private readonly deps: EngineDeps) {}

  async put(input: PutFactInput): Promise<Fact> {
    const { externalId, ...draft } = parseInput(putFactSchema, input, 'putFact input');
    const scope = scopeOf(this.deps, externalId);
    const [embedding] = await this.deps.embedder.embed([factText({ ...draft, subject: draft.subject ?? null, predicate: draft.predicate ?? null })]);
    const at = this.deps.now().toISOString();
    const { fact } = await this.deps.store.transaction((tx) => writeFactVersion(tx, scope, draft, embedding!, at));
    return fact;
  }

  /** The current version of a key, or the version valid at `asOf`. */
  async get(input: FactRef): Promise<Fact> {
    const ref = parseInput(factRefSchema, input, 'getFact input');
    const scope = scopeOf(this.deps, ref.externalId);
    const fact = ref.asOf
      ? validAt(await this.deps.store.facts.history(scope, ref.key), ref.asOf)
      : await this.deps.store.facts.getCurrent(scope, ref.key);
    if (!fact) {
      const when = ref.asOf ? ` at ${ref.asOf}` : '';
      throw new NotFoundError(`fact "${ref.key}" not found${when} for externalId "${ref.externalId}"`, { key: ref.key, externalId: ref.externalId });
    }
    return fact;
  }

  async list(input: ListFactsInput): Promise<Fact[]> {
    const { externalId, ...filter } = parseInput(listFactsSchema, input, 'listFacts input');
    return this.deps.store.facts.list(scopeOf(this.deps, externalId), filter);
  }

  /** Every version of a key, oldest first (empty for an unknown key). */
  async history(input: FactKeyRef): Promise<Fact[]> {
    const ref = parseInput(factKeyRefSchema, input, 'factHistory input');
    return this.deps.store.facts.history(scopeOf(this.deps, ref.externalId), ref.key);
  }

  /** Removes every version of a key and its index entries. */
  async delete(input: FactKeyRef): Promise<void> {
    const ref = parseInput(factKeyRefSchema, input, 'deleteFact input');
    const scope = scopeOf(this.deps, ref.externalId);
    const removed = await this.deps.store.transaction(async (tx) => {
      const ids = await tx.facts.deleteKey(scope, ref.key);
      await tx.searchIndex.remove(scope, 'fact', ids);
      return ids.length;
    });
    if (!removed) throw new NotFoundError(`fact "${ref.key}" not found for externalId "${ref.externalId}"`, { key: ref.key, externalId: ref.externalId });
  }
}

function validAt(versions: Fact[], asOf: string): Fact | undefined {
  const at = Date.parse(asOf);
  return versions.find((v) => Date.parse(v.validFrom) <= at && (v.validTo === null || at < Date.parse(v.validTo)));
}
