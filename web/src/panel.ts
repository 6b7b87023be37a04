import type { Api } from './api.js';

export interface PanelContext {
  api: Api;
  tenant: string;
  externalId: string;
  /** Shows a message in the page's status line (announced to screen readers). */
  notify(message: string, kind?: 'info' | 'error'): void;
  /** Renders the current view again from fresh data. */
  reload(): void;
  /** Goes back to the agent picker (after the agent's memory was deleted), saying `message`. */
  leaveAgent(message: string): void;
}

/** One view of an agent's memory: fills `root` from the API. */
export type Panel = (context: PanelContext, root: HTMLElement) => Promise<void>;

/** Runs a button's action, reporting a failure in the status line instead of throwing. */
export async function runAction(context: PanelContext, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    context.notify((error as Error).message, 'error');
  }
}
