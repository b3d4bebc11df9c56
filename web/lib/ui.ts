// Page behaviours every form shares: one request at a time with its buttons disabled, errors shown in
// words beside the field they concern, destructive actions confirmed, and tables that say when empty.
import { issuesOf, messageOf } from './api.ts';

/**
 * Runs `work` with every button of `scope` disabled and `aria-busy` set, so a second click cannot send the
 * request again; while it runs, a further call is ignored (answers `undefined`).
 */
export const busy = async <T>(scope: HTMLElement, work: () => Promise<T>): Promise<T | undefined> => {
  if (scope.getAttribute('aria-busy') === 'true') return undefined;
  const buttons = [...scope.querySelectorAll('button'), ...(scope instanceof HTMLButtonElement ? [scope] : [])];
  const enabled = buttons.filter((b) => !b.disabled);
  scope.setAttribute('aria-busy', 'true');
  for (const b of enabled) b.disabled = true;
  try {
    return await work();
  } finally {
    scope.removeAttribute('aria-busy');
    for (const b of enabled) b.disabled = false;
  }
};

/** A form's error slots: one beside each field (created on demand) and one for the form as a whole. */
export class FormErrors {
  private readonly marked = new Set<HTMLElement>();

  constructor(readonly slot: HTMLElement) {}

  clear(): void {
    this.slot.textContent = '';
    for (const field of this.marked) {
      field.removeAttribute('aria-invalid');
      document.getElementById(`${field.id}-error`)?.remove();
    }
    this.marked.clear();
  }

  /** Shows `message` under `field`'s label (after any shown since `clear`), tied to it for screen readers. */
  field(field: HTMLElement, message: string): void {
    const id = `${field.id}-error`;
    let slot = document.getElementById(id);
    if (!slot) {
      slot = Object.assign(document.createElement('span'), { id, className: 'field-error' });
      slot.setAttribute('role', 'alert');
      (field.closest('label') ?? field).append(slot);
    }
    slot.textContent = slot.textContent ? `${slot.textContent}\n${message}` : message;
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', id);
    this.marked.add(field);
  }

  /** Shows the form-level message. */
  say(message: string): void {
    this.slot.textContent = message;
  }

  /**
   * Places each problem of `err` beside the field `fieldFor` names for its path (a path `fieldFor` does not
   * know, or an error that is not a validation error, goes to the form-level slot).
   */
  show(
    err: unknown,
    fieldFor: (path: string[], message: string) => [HTMLElement, string] | undefined = () => undefined,
  ) {
    const general: string[] = [];
    for (const issue of issuesOf(err)) {
      const target = fieldFor(issue.path, issue.message);
      if (target) this.field(...target);
      else general.push(issue.path.length ? `${issue.path.join(' ')}: ${issue.message}` : issue.message);
    }
    if (general.length) this.say(general.join(' '));
  }
}

/** Shows any error of a page-level action in `slot`, in words. */
export const showIn =
  (slot: HTMLElement) =>
  (err: unknown): void => {
    slot.textContent = messageOf(err);
  };

/**
 * Asks before a destructive action, in a modal dialog naming what goes; answers true only for the
 * red button. Escape, the other button, or a click outside answer false.
 */
export const confirmAction = (title: string, text: string, action: string): Promise<boolean> =>
  new Promise((resolve) => {
    const dialog = Object.assign(document.createElement('dialog'), { className: 'confirm-dialog' });
    const heading = Object.assign(document.createElement('h2'), { textContent: title, id: 'confirm-title' });
    const body = Object.assign(document.createElement('p'), { textContent: text });
    const cancel = Object.assign(document.createElement('button'), {
      type: 'button',
      textContent: 'Cancel',
      className: 'secondary',
    });
    const ok = Object.assign(document.createElement('button'), {
      type: 'button',
      textContent: action,
      className: 'danger confirm',
    });
    const actions = Object.assign(document.createElement('div'), { className: 'actions' });
    actions.append(cancel, ok);
    dialog.append(heading, body, actions);
    dialog.setAttribute('aria-labelledby', heading.id);
    cancel.addEventListener('click', () => dialog.close('cancel'));
    ok.addEventListener('click', () => dialog.close('ok'));
    dialog.addEventListener('click', (e) => e.target === dialog && dialog.close('cancel'));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });

/** A table cell; numbers right-aligned and formatted by the caller. */
export const cell = (content: Node | string, numeric = false): HTMLTableCellElement => {
  const td = document.createElement('td');
  td.append(content);
  if (numeric) td.className = 'num';
  return td;
};

/** Fills `tbody` with `rows`, or with one row saying `empty` when there are none. */
export const fillTable = (tbody: HTMLTableSectionElement, rows: HTMLTableRowElement[], empty: string): void => {
  if (rows.length) {
    tbody.replaceChildren(...rows);
    return;
  }
  const td = cell(empty);
  td.className = 'empty';
  td.colSpan = tbody.closest('table')?.querySelectorAll('thead th').length ?? 1;
  const tr = document.createElement('tr');
  tr.className = 'empty-row';
  tr.append(td);
  tbody.replaceChildren(tr);
};
