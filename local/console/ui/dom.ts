// DOM helpers for the console page: elements built from data (never HTML strings), the error line and
// the typed confirmation every delete and purge goes through.
import { api, byId } from '#web/lib/api.ts';

type Child = Node | string | number | null | undefined | false;

/** `h('button', { type: 'button', onclick }, 'Go')`; attributes that are functions become properties. */
export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, unknown> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false)
      el.append(child instanceof Node ? child : String(child));
  return el;
};

export const json = (value: unknown): HTMLPreElement => h('pre', {}, JSON.stringify(value, null, 2));

/** Shows what failed (or clears the line); every action of the page reports through it. */
export const report = (error?: unknown): void => {
  byId('error').textContent = error === undefined ? '' : ((error as Error).message ?? String(error));
};

/** Runs a page action, reporting its failure instead of leaving it to the console of the browser. */
export const act =
  <A extends unknown[]>(action: (...args: A) => Promise<unknown>) =>
  (...args: A): void => {
    report();
    action(...args).catch(report);
  };

export const ago = (ms: number | null): string =>
  ms === null
    ? ''
    : ms < 1000
      ? `${ms} ms`
      : ms < 60_000
        ? `${(ms / 1000).toFixed(1)} s`
        : `${Math.round(ms / 60_000)} min`;

export const bytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

/**
 * Asks the developer to type `name` before a destructive action; resolves to whether they did. The
 * native <dialog> is modal, traps focus and closes on Escape.
 */
export const confirmTyped = (text: string, name: string): Promise<boolean> => {
  const dialog = byId<HTMLDialogElement>('confirm');
  const input = byId<HTMLInputElement>('confirm-input');
  byId('confirm-text').textContent = text;
  byId('confirm-name').textContent = name;
  const ok = byId<HTMLButtonElement>('confirm-ok');
  input.value = '';
  // Confirm stays disabled until the name is typed exactly.
  ok.disabled = true;
  input.oninput = () => {
    ok.disabled = input.value !== name;
  };
  dialog.returnValue = '';
  dialog.showModal();
  input.focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' && input.value === name), {
      once: true,
    });
  });
};

/** A "next page" button for cursor pagination; none when there is no next page. */
export const nextPage = (cursor: string | null, load: (cursor: string) => void): HTMLElement | null =>
  cursor === null
    ? null
    : h('button', { type: 'button', class: 'secondary', onclick: () => load(cursor) }, 'Next page');

/** Starts loading the `items` of an API list, to show each as a row of the table body `tbody`. */
export const listRows = <T>(path: string, tbody: string, row: (item: T) => HTMLTableRowElement): undefined =>
  act(async () => {
    const { items } = await api<{ items: T[] }>(path);
    byId(tbody).replaceChildren(...items.map(row));
  })() as undefined;
