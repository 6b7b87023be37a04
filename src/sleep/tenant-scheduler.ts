import type { SleepRegistration, SleepTask } from '../model/background.js';
import { scopeInputSchema } from '../model/schemas/active-memory.js';
import {
  emitEventSchema,
  registerSleepScopeSchema,
  triggerManualSchema,
  type EmitEventInput,
  type RegisterSleepScopeInput,
  type TriggerManualInput,
} from '../model/schemas/sleep.js';
import { parseInput } from '../model/validate.js';
import { NotFoundError } from '../errors.js';
import type { SleepScheduler } from './scheduler.js';

/** The scheduler as one tenant sees it: validated input, only its own scopes and tasks. */
export class TenantSleepScheduler {
  constructor(
    private readonly scheduler: SleepScheduler,
    private readonly tenantId: string,
  ) {}

  /** Sets the scope's triggers and the options its triggered cycles use; kept in the store. */
  registerScope(input: RegisterSleepScopeInput): Promise<SleepRegistration> {
    const parsed = parseInput(registerSleepScopeSchema, input, 'registerScope input');
    return this.scheduler.register(this.scope(parsed.externalId), parsed.triggers, parsed.cycle);
  }

  /** The scope's triggers: its own, or the defaults (`source: 'default'`). */
  getTriggers(input: { externalId: string }): Promise<SleepRegistration> {
    const { externalId } = parseInput(scopeInputSchema, input, 'getTriggers input');
    return this.scheduler.registration(this.scope(externalId));
  }

  /** Removes the scope's own triggers, so the defaults apply again; NotFoundError when it set none. */
  async unregisterScope(input: { externalId: string }): Promise<void> {
    const { externalId } = parseInput(scopeInputSchema, input, 'unregisterScope input');
    if (!(await this.scheduler.unregister(this.scope(externalId)))) {
      throw new NotFoundError(`externalId "${externalId}" has no sleep triggers of its own`, { externalId });
    }
  }

  /** Queues this tenant's scopes whose scheduled or quota trigger is due; returns the tasks. */
  checkTriggers(): Promise<SleepTask[]> {
    return this.scheduler.checkTriggers(this.tenantId);
  }

  triggerManual(input: TriggerManualInput): Promise<SleepTask> {
    const parsed = parseInput(triggerManualSchema, input, 'triggerManual input');
    return this.scheduler.triggerManual(this.scope(parsed.externalId), parsed.priority);
  }

  emitEvent(input: EmitEventInput): Promise<SleepTask | undefined> {
    const parsed = parseInput(emitEventSchema, input, 'emitEvent input');
    return this.scheduler.emitEvent(this.scope(parsed.externalId), parsed.event);
  }

  /** This tenant's queued cycles, in the order workers take them. */
  pending(): Promise<SleepTask[]> {
    return this.scheduler.pending(this.tenantId);
  }

  private scope(externalId: string) {
    return { tenantId: this.tenantId, externalId };
  }
}
