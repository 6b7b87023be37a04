import { h } from './dom.js';

/**
 * Asks before a destructive action, stating exactly what it removes. Resolves true only when the
 * user presses the action button.
 */
export function confirmAction(title: string, details: string[], actionLabel: string): Promise<boolean> {
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': 'confirm-title' },
    h('h2', { id: 'confirm-title' }, title),
    h('ul', {}, details.map((line) => h('li', {}, line))),
    h('p', {}, 'This cannot be undone.'),
    h(
      'form',
      { method: 'dialog', class: 'actions' },
      h('button', { value: 'cancel', autofocus: true }, 'Cancel'),
      h('button', { value: 'confirm', class: 'danger' }, actionLabel),
    ),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    dialog.showModal();
  });
}
