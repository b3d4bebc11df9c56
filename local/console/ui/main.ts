// The sandbox console's page: six panels behind tabs (arrow keys move between tabs, the URL's hash keeps
// the one shown); the invocations stream runs from the start, other panels load when shown.
import { byId } from '#web/lib/api.ts';
import { bucketsPanel } from './buckets.ts';
import { act } from './dom.ts';
import { faultsPanel } from './faults.ts';
import { startInvocations } from './invocations.ts';
import { metricsPanel } from './metrics.ts';
import { queuesPanel } from './queues.ts';
import { tablesPanel } from './tables.ts';

/** Each panel's show() returns what to stop when another is chosen, if anything. */
const panels: Record<string, { show(): (() => void) | undefined }> = {
  invocations: { show: () => undefined },
  queues: queuesPanel,
  tables: tablesPanel,
  buckets: bucketsPanel,
  faults: faultsPanel,
  metrics: metricsPanel,
};
const names = Object.keys(panels);
let leave: (() => void) | undefined;

const select = (name: string, focus = false): void => {
  leave?.();
  for (const n of names) {
    const tab = byId(`tab-${n}`);
    tab.setAttribute('aria-selected', String(n === name));
    tab.tabIndex = n === name ? 0 : -1;
    byId(n).hidden = n !== name;
  }
  if (focus) byId(`tab-${name}`).focus();
  history.replaceState(null, '', `#${name}`);
  leave = panels[name]!.show();
};

byId('tabs').addEventListener('click', (e) => {
  const id = (e.target as HTMLElement).closest('[role=tab]')?.id;
  if (id) select(id.slice('tab-'.length));
});
byId('tabs').addEventListener('keydown', (e) => {
  const current = names.findIndex((n) => byId(`tab-${n}`).getAttribute('aria-selected') === 'true');
  const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
  if (step === undefined) return;
  e.preventDefault();
  select(names[(current + step + names.length) % names.length]!, true);
});

const initial = location.hash.slice(1);
select(names.includes(initial) ? initial : 'invocations');
act(startInvocations)();
