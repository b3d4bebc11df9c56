// Sign up / sign in, my teams (create, join by id, leave) and the palettes of all of them as swatches.
// Sharing works through teams: create a team, give its id to someone, they join and see its palettes.
import '../../lib/header.ts';
import './palettes.css';
import { ApiError, api, byId } from '#web/lib/api.ts';
import { busy, confirmAction, FormErrors, showIn } from '#web/lib/ui.ts';

interface User {
  id: string;
  username: string;
  personal_team_id: string;
}
interface Team {
  id: string;
  name: string;
  personal: boolean;
  member_count: number;
}
interface Palette {
  id: string;
  team_id: string;
  name: string;
  colors: string[];
}
interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const TOKEN_KEY = 'palettes.token';
let token = localStorage.getItem(TOKEN_KEY);

const call = <T>(path: string, method = 'GET', body?: unknown): Promise<T> =>
  api<T>(path, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Every item of a listing, following cursors to the end. */
const all = async <T>(path: string): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await call(`${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
};

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const signOutLocally = (): void => {
  token = null;
  localStorage.removeItem(TOKEN_KEY);
  void render().catch(showIn(byId('auth-error')));
};

/** A 401 means the token is gone: back to sign-in, where the message is shown. */
const failed = (slot: HTMLElement, err: unknown, show = showIn(slot)): void => {
  if (err instanceof ApiError && err.status === 401 && token) {
    signOutLocally();
    byId('auth-error').textContent = 'Your session has ended: sign in again.';
  } else show(err);
};

/** Runs a row's action with its button busy, the error shown in `slot`, then redraws. */
const rowAction = (button: HTMLButtonElement, slot: HTMLElement, action: () => Promise<unknown>) => () =>
  void busy(button, async () => {
    slot.textContent = '';
    try {
      if ((await action()) === false) return;
      await render();
    } catch (err) {
      failed(slot, err);
    }
  });

const leaveText = (team: Team, palettes: number): string =>
  team.member_count <= 1
    ? `You are the last member of “${team.name}”: leaving deletes the team and its ${plural(palettes, 'palette')} for good.`
    : `You will no longer see its ${plural(palettes, 'palette')}; the other ${plural(team.member_count - 1, 'member')} keep them.`;

const teamRow = (team: Team, palettes: number): HTMLElement => {
  const row = el(
    'div',
    { className: 'team' },
    el('strong', { className: 'grow', textContent: team.personal ? `${team.name} (personal)` : team.name }),
    el('span', { className: 'muted', textContent: plural(team.member_count, 'member') }),
    el('code', { textContent: team.id, title: 'Share this id so others can join' }),
  );
  if (team.personal) return row;
  const leave = el('button', { type: 'button', textContent: 'Leave', className: 'danger' });
  leave.setAttribute('aria-label', `Leave team ${team.name}`);
  leave.addEventListener(
    'click',
    rowAction(leave, byId('teams-error'), async () => {
      if (!(await confirmAction(`Leave “${team.name}”?`, leaveText(team, palettes), 'Leave team'))) return false;
      return call(`/teams/${team.id}/members/me`, 'DELETE');
    }),
  );
  row.append(leave);
  return row;
};

const swatch = (color: string): HTMLElement => {
  const box = el('span', { className: 'swatch', title: color });
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', color);
  box.style.background = color;
  return el('li', {}, box);
};

const paletteRow = (palette: Palette, teams: Map<string, Team>): HTMLElement => {
  const owner = teams.get(palette.team_id);
  const team = owner?.name ?? '';
  const remove = el('button', { type: 'button', textContent: 'Delete', className: 'danger' });
  remove.setAttribute('aria-label', `Delete palette ${palette.name}`);
  remove.addEventListener(
    'click',
    rowAction(remove, byId('palettes-error'), async () => {
      const who = owner?.personal ? 'your personal team' : `everyone in “${team}”`;
      const text = `It is removed for ${who}. This cannot be undone.`;
      if (!(await confirmAction(`Delete “${palette.name}”?`, text, 'Delete palette'))) return false;
      return call(`/palettes/${palette.id}`, 'DELETE');
    }),
  );
  const swatches = el('ul', { className: 'swatches' }, ...palette.colors.map(swatch));
  swatches.setAttribute('aria-label', `Colours of ${palette.name}`);
  return el(
    'div',
    { className: 'palette' },
    swatches,
    el(
      'div',
      { className: 'grow' },
      el('strong', { textContent: palette.name }),
      el('br'),
      el('code', { textContent: palette.colors.join(' ') }),
    ),
    el('span', { className: 'muted', textContent: team }),
    remove,
  );
};

/** Fills the signed-in view; shown only once its data is in. */
const draw = (me: User, teams: Team[], palettes: Palette[]): void => {
  byId('me').textContent = me.username;
  const byTeam = new Map(teams.map((t) => [t.id, t]));
  const count = (t: Team): number => palettes.filter((p) => p.team_id === t.id).length;
  byId('teams').replaceChildren(...teams.map((t) => teamRow(t, count(t))));
  const select = byId<HTMLSelectElement>('palette-team');
  const chosen = select.value || me.personal_team_id;
  select.replaceChildren(
    ...teams.map((t) => el('option', { value: t.id, textContent: t.name, selected: t.id === chosen })),
  );
  const empty = el('p', { className: 'muted', textContent: 'No palettes yet: create one above.' });
  byId('palettes').replaceChildren(...(palettes.length ? palettes.map((p) => paletteRow(p, byTeam)) : [empty]));
};

const render = async (): Promise<void> => {
  if (token) {
    const [me, teams, palettes] = await Promise.all([
      call<User>('/me'),
      all<Team>('/teams'),
      all<Palette>('/palettes'),
    ]);
    draw(me, teams, palettes);
  }
  byId('signed-out').hidden = token !== null;
  byId('signed-in').hidden = token === null;
};

/** The field of `form` named like the body field a validation problem's path names. */
const fieldIn =
  (form: HTMLFormElement) =>
  ([name, index]: string[], message: string): [HTMLElement, string] | undefined => {
    const field = name ? form.querySelector<HTMLInputElement>(`[name="${name}"]`) : null;
    if (!field) return undefined;
    const colour = field.value.split(/[\s,]+/).filter(Boolean)[Number(index)];
    return [field, index !== undefined && colour ? `Colour ${Number(index) + 1} (${colour}): ${message}` : message];
  };

/** Wires a form: busy while its request runs, errors beside its fields or under it, reset when done. */
const onSubmit = (id: string, action: (submitter: HTMLButtonElement | null) => Promise<unknown>): void => {
  const form = byId<HTMLFormElement>(id);
  const errors = new FormErrors(byId(`${id.replace('-form', '')}-error`));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    void busy(form, async () => {
      errors.clear();
      try {
        await action(submitter);
        // Inputs only: the palette form's team choice stays for the next palette.
        for (const input of form.querySelectorAll('input')) input.value = '';
        await render();
      } catch (err) {
        failed(errors.slot, err, (e) => errors.show(e, fieldIn(form)));
      }
    });
  });
};

onSubmit('auth-form', async (submitter) => {
  const credentials = {
    username: byId<HTMLInputElement>('username').value,
    password: byId<HTMLInputElement>('password').value,
  };
  if (submitter?.value === 'register') await call('/auth/register', 'POST', credentials);
  token = (await call<{ token: string }>('/auth/login', 'POST', credentials)).token;
  localStorage.setItem(TOKEN_KEY, token);
});

const signOut = byId<HTMLButtonElement>('sign-out');
signOut.addEventListener(
  'click',
  () =>
    void busy(signOut, async () => {
      const text = 'Your teams and palettes stay; you need your password to come back to them.';
      if (!(await confirmAction('Sign out?', text, 'Sign out'))) return;
      await call('/auth/logout', 'POST')
        .catch(() => undefined) // signed out here either way; the token expires on its own
        .finally(signOutLocally);
    }),
);

onSubmit('team-form', () => call('/teams', 'POST', { name: byId<HTMLInputElement>('team-name').value }));
onSubmit('join-form', () =>
  call(`/teams/${encodeURIComponent(byId<HTMLInputElement>('join-id').value.trim())}/members/me`, 'PUT'),
);
onSubmit('palette-form', () =>
  call(`/teams/${byId<HTMLSelectElement>('palette-team').value}/palettes`, 'POST', {
    name: byId<HTMLInputElement>('palette-name').value,
    colors: byId<HTMLInputElement>('palette-colors')
      .value.split(/[\s,]+/)
      .filter(Boolean),
  }),
);

void render().catch(showIn(byId('auth-error')));
