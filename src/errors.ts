/** Typed errors: every error the library throws on purpose is one of these. */
export type AgentMemErrorCode = 'not_found' | 'validation' | 'conflict' | 'unavailable' | 'config';

export class AgentMemError extends Error {
  readonly code: AgentMemErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: AgentMemErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** A memory, section, episode, fact or run that does not exist in the caller's scope. */
export class NotFoundError extends AgentMemError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('not_found', message, details);
  }
}

export interface FieldIssue {
  field: string;
  reason: string;
}

/** Bad input: names each offending field and why. */
export class ValidationError extends AgentMemError {
  readonly issues: FieldIssue[];

  constructor(message: string, issues: FieldIssue[] = []) {
    super('validation', message, { issues });
    this.issues = issues;
  }
}

/** The request contradicts the stored state (a duplicate, a mismatched embedder, a held lock). */
export class ConflictError extends AgentMemError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}

/** A dependency (database, remote backend, model) did not answer. */
export class UnavailableError extends AgentMemError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('unavailable', message, details);
  }
}

/** A configuration value (option or environment variable) is invalid. */
export class ConfigError extends AgentMemError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('config', message, details);
  }
}
