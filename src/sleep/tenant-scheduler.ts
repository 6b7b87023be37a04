import {
  emitEventSchema,
  registerSleepScopeSchema,
  triggerManualSchema,
  type EmitEventInput,
  type RegisterSleepScopeInput,
  type TriggerManualInput,
} from '../model/schemas/sleep.js';
import { parseInput } from '../model/validate.js';
import type { SleepScheduler, SleepTask } from './scheduler.js';

/** The scheduler as one tenant sees it: validated input, only its own scopes and tasks. */
export class TenantSleepScheduler {
  constructor(
    private readonly scheduler: SleepScheduler,
    private readonly tenantId: string,
  ) {}

  registerScope(input: RegisterSleepScopeInput): void {
    const parsed = parseInput(registerSleepScopeSchema, input, 'registerScope input');
    this.scheduler.registerScope({ tenantId: this.tenantId, externalId: parsed.externalId }, parsed.triggers, parsed.cycle);
  }

  /** Enqueues this tenant's scopes whose scheduled or quota trigger is due; returns the tasks. */
  checkTriggers(): Promise<SleepTask[]> {
    return this.scheduler.checkTriggers(this.tenantId);
  }

  triggerManual(input: TriggerManualInput): SleepTask {
    const parsed = parseInput(triggerManualSchema, input, 'triggerManual input');
    return this.scheduler.triggerManual({ tenantId: this.tenantId, externalId: parsed.externalId }, parsed.priority);
  }

  emitEvent(input: EmitEventInput): SleepTask | undefined {
    const parsed = parseInput(emitEventSchema, input, 'emitEvent input');
    return this.scheduler.emitEvent({ tenantId: this.tenantId, externalId: parsed.externalId }, parsed.event);
  }

  pending(): SleepTask[] {
    return this.scheduler.pending(this.tenantId);
  }
}
