// Sign up / sign in, my teams (create, join by id, leave) and the palettes of all of them as swatches.
// Sharing works through teams: create a team, give its id to someone, they join and see its palettes.
import { api, ApiError, byId } from '../../lib/api.ts';

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

const error = byId<HTMLParagraphElement>('error');
const show = (err: unknown): void => {
  error.textContent = err instanceof ApiError ? `${err.message} (${err.code})` : String(err);
};

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

/** Runs an action, shows its error, and redraws; a 401 means the token is gone: back to sign-in. */
const act = (action: () => Promise<unknown>) => async (): Promise<void> => {
  error.textContent = '';
  try {
    await action();
    await render();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && token) signOutLocally();
    show(err);
  }
};

const signOutLocally = (): void => {
  token = null;
  localStorage.removeItem(TOKEN_KEY);
  void render();
};

const teamRow = (team: Team): HTMLElement =>
  el(
    'div',
    { className: 'team' },
    el('strong', { className: 'grow', textContent: team.personal ? `${team.name} (personal)` : team.name }),
    el('span', { className: 'muted', textContent: `${team.member_count} member${team.member_count === 1 ? '' : 's'}` }),
    el('code', { textContent: team.id, title: 'Share this id so others can join' }),
    ...(team.personal
      ? []
      : [
          el('button', {
            type: 'button',
            textContent: 'Leave',
            onclick: act(() => call(`/teams/${team.id}/members/me`, 'DELETE')),
          }),
        ]),
  );

const swatch = (color: string): HTMLElement => {
  const node = el('span', { className: 'swatch', title: color });
  node.style.background = color;
  return node;
};

const paletteRow = (palette: Palette, teams: Map<string, Team>): HTMLElement =>
  el(
    'div',
    { className: 'palette' },
    el('div', { className: 'swatches' }, ...palette.colors.map(swatch)),
    el('strong', { className: 'grow', textContent: palette.name }),
    el('span', { className: 'muted', textContent: teams.get(palette.team_id)?.name ?? '' }),
    el('button', {
      type: 'button',
      textContent: 'Delete',
      onclick: act(() => call(`/palettes/${palette.id}`, 'DELETE')),
    }),
  );

/** Fills the signed-in view; shown only once its data is in. */
const draw = (me: User, teams: Team[], palettes: Palette[]): void => {
  byId('me').textContent = me.username;
  const byTeam = new Map(teams.map((t) => [t.id, t]));
  byId('teams').replaceChildren(...teams.map(teamRow));
  const select = byId<HTMLSelectElement>('palette-team');
  const chosen = select.value || me.personal_team_id;
  select.replaceChildren(
    ...teams.map((t) => el('option', { value: t.id, textContent: t.name, selected: t.id === chosen })),
  );
  const empty = el('p', { className: 'muted', textContent: 'No palettes yet.' });
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

byId<HTMLFormElement>('auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const mode = ((e as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? 'login';
  const credentials = {
    username: byId<HTMLInputElement>('username').value,
    password: byId<HTMLInputElement>('password').value,
  };
  void act(async () => {
    if (mode === 'register') await call('/auth/register', 'POST', credentials);
    token = (await call<{ token: string }>('/auth/login', 'POST', credentials)).token;
    localStorage.setItem(TOKEN_KEY, token);
  })();
});

byId('sign-out').addEventListener(
  'click',
  () => void act(() => call('/auth/logout', 'POST').finally(signOutLocally))(),
);

const onSubmit = (id: string, action: () => Promise<unknown>): void =>
  byId<HTMLFormElement>(id).addEventListener('submit', (e) => {
    e.preventDefault();
    void act(async () => {
      await action();
      (e.target as HTMLFormElement).reset();
    })();
  });

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

void render().catch(show);
