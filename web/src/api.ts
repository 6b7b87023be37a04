import { isRecord } from './format.js';

interface Operation {
  method: string;
  path: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: Array<{ field: string; reason: string }> = [],
  ) {
    super(message);
  }
}

/** Thrown when the server does not offer an operation a view needs. */
export class MissingOperationError extends Error {
  constructor(readonly operationId: string) {
    super(`this server does not offer ${operationId}`);
  }
}

export type InputValue = string | number | boolean | readonly unknown[] | undefined;

export interface CallOptions {
  params?: Record<string, string>;
  /** Sent as the query string of GET and DELETE, else as the JSON body; empty values are left out. */
  input?: Record<string, InputValue>;
}

function definedEntries(input: Record<string, InputValue> = {}): Array<[string, Exclude<InputValue, undefined>]> {
  return Object.entries(input).filter((entry): entry is [string, Exclude<InputValue, undefined>] => entry[1] !== undefined && entry[1] !== '');
}

/**
 * The REST API as its OpenAPI document describes it: views name operations by operationId, so a
 * server without one of them gets a view that says so instead of a broken one.
 */
export class Api {
  private constructor(
    private readonly apiKey: string,
    private readonly operations: ReadonlyMap<string, Operation>,
  ) {}

  static async connect(apiKey: string): Promise<Api> {
    const response = await fetch('/v1/openapi.json', { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
    if (!response.ok) throw new ApiError(`could not read the API description (HTTP ${response.status})`, response.status);
    const document = (await response.json()) as { paths?: Record<string, Record<string, { operationId?: string }>> };
    const operations = new Map<string, Operation>();
    for (const [path, methods] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(methods)) {
        if (operation.operationId) operations.set(operation.operationId, { method: method.toUpperCase(), path });
      }
    }
    return new Api(apiKey, operations);
  }

  offers(operationId: string): boolean {
    return this.operations.has(operationId);
  }

  async call<T>(id: string, options: CallOptions = {}): Promise<T> {
    const operation = this.operations.get(id);
    if (!operation) throw new MissingOperationError(id);
    const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
      const value = options.params?.[name];
      if (value === undefined) throw new Error(`${id} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const inQuery = operation.method === 'GET' || operation.method === 'DELETE';
    const entries = definedEntries(options.input);
    const query = new URLSearchParams(inQuery ? entries.map(([name, value]) => [name, Array.isArray(value) ? value.map(String).join(',') : String(value)]) : []);
    const headers: Record<string, string> = {};
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    if (!inQuery) headers['content-type'] = 'application/json';
    const response = await fetch(query.size ? `${path}?${query}` : path, {
      method: operation.method,
      headers,
      body: inQuery ? undefined : JSON.stringify(Object.fromEntries(entries)),
    });
    if (response.status === 204) return undefined as T;
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = isRecord(payload) && isRecord(payload.error) ? payload.error : {};
      const message = typeof error.message === 'string' ? error.message : `HTTP ${response.status}`;
      throw new ApiError(message, response.status, Array.isArray(error.issues) ? (error.issues as ApiError['issues']) : []);
    }
    return payload as T;
  }
}
