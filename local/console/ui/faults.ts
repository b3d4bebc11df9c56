// The faults panel: arm and clear the sandbox's fault injection per function, and flip the simulated
// weather provider's switches; both lists show what is active now.
import { api, byId } from '#web/lib/api.ts';
import { act, h, json } from './dom.ts';

interface Faults {
  readonly functions: readonly string[];
  readonly active: readonly { readonly function: string; readonly kind: string; readonly remaining: number | null }[];
}

interface Provider {
  readonly url: string | null;
  readonly switches?: { readonly latencyMs: number; readonly down: boolean; readonly hang: boolean } & Record<
    string,
    unknown
  >;
  readonly scripted?: number;
}

const send = <T>(path: string, method: string, body?: unknown) =>
  api<T>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const showFaults = ({ functions, active }: Faults): void => {
  const select = byId<HTMLSelectElement>('fault-function');
  if (select.options.length === 0) select.append(...functions.map((f) => h('option', {}, f)));
  const clear = (fn: string) => act(async () => showFaults(await send<Faults>(`api/faults/${fn}`, 'DELETE')));
  byId('fault-rows').replaceChildren(
    ...(active.length === 0 ? [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No fault is armed.'))] : []),
    ...active.map((f) =>
      h(
        'tr',
        { 'data-function': f.function, 'data-kind': f.kind },
        h('td', {}, f.function),
        h('td', {}, f.kind),
        h('td', { class: 'num' }, f.remaining ?? 'until cleared'),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: clear(f.function) }, 'Clear')),
      ),
    ),
  );
};

const showProvider = (p: Provider): void => {
  const view = byId('provider');
  if (!p.url || !p.switches) {
    view.replaceChildren(h('p', { class: 'muted' }, 'This sandbox has none.'));
    return;
  }
  const control = (body: unknown) => act(async () => showProvider(await send<Provider>('api/provider', 'POST', body)));
  const latency = h('input', { id: 'provider-latency', type: 'number', min: 0, value: p.switches.latencyMs });
  const failCount = h('input', { id: 'provider-fail-count', type: 'number', min: 1, value: 1 });
  const failStatus = h(
    'select',
    { id: 'provider-fail-status' },
    ...[429, 500, 502, 503].map((s) => h('option', {}, s)),
  );
  const toggle = (name: 'down' | 'hang', label: string) =>
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'checkbox',
        id: `provider-${name}`,
        checked: p.switches![name],
        onchange: (e: Event) => control({ set: { [name]: (e.target as HTMLInputElement).checked } })(),
      }),
      label,
    );
  view.replaceChildren(
    h('p', { class: 'muted' }, `${p.url} · ${p.scripted ?? 0} scripted answer(s) pending`),
    h(
      'div',
      { class: 'toolbar' },
      toggle('down', 'Down (every call 503)'),
      toggle('hang', 'Hang (no answer)'),
      h('label', {}, 'Latency (ms)', latency),
      h(
        'button',
        { type: 'button', onclick: () => control({ set: { latencyMs: Number(latency.value) } })() },
        'Set latency',
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, 'Next calls', failCount),
      h('label', {}, 'answer', failStatus),
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            control({
              failNext: {
                count: Number(failCount.value),
                status: Number(failStatus.value),
                ...(failStatus.value === '429' ? { retryAfterSeconds: 1 } : {}),
              },
            })(),
        },
        'Script failures',
      ),
      h('button', { type: 'button', class: 'secondary', onclick: control({ reset: true }) }, 'Reset'),
    ),
    h('details', {}, h('summary', {}, 'All switches'), json(p.switches)),
  );
};

export const faultsPanel = {
  show: (): undefined => {
    const form = byId<HTMLFormElement>('fault-form');
    form.onsubmit = (e) => {
      e.preventDefault();
      const times = byId<HTMLInputElement>('fault-times').value;
      act(async () =>
        showFaults(
          await send<Faults>('api/faults', 'POST', {
            function: byId<HTMLSelectElement>('fault-function').value,
            kind: byId<HTMLSelectElement>('fault-kind').value,
            ...(times ? { times: Number(times) } : {}),
          }),
        ),
      )();
    };
    act(async () => {
      const [faults, provider] = await Promise.all([api<Faults>('api/faults'), api<Provider>('api/provider')]);
      showFaults(faults);
      showProvider(provider);
    })();
  },
};
