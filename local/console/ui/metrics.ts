// The metrics panel: the functions' EMF metrics as the sandbox sums them, one row per name and dimensions.
import { api, byId } from '#web/lib/api.ts';
import { act, h } from './dom.ts';

interface Metric {
  readonly namespace: string;
  readonly name: string;
  readonly unit?: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

const refresh = async (): Promise<void> => {
  const { items } = await api<{ items: Metric[] }>('api/metrics');
  const sorted = [...items].sort((a, b) => `${a.namespace}${a.name}`.localeCompare(`${b.namespace}${b.name}`));
  byId('metric-rows').replaceChildren(
    ...(sorted.length === 0 ? [h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No metric emitted yet.'))] : []),
    ...sorted.map((m) =>
      h(
        'tr',
        { 'data-metric': m.name },
        h('td', {}, m.namespace),
        h('td', {}, m.name),
        h(
          'td',
          { class: 'mono' },
          Object.entries(m.dimensions)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        ),
        h('td', {}, m.unit ?? ''),
        h('td', { class: 'num' }, m.count),
        h('td', { class: 'num' }, m.sum),
        h('td', { class: 'num' }, m.min),
        h('td', { class: 'num' }, m.max),
      ),
    ),
  );
};

export const metricsPanel = {
  show: (): undefined => {
    byId('metrics-refresh').onclick = act(refresh);
    act(refresh)();
  },
};
