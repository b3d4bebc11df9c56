// Mouse tracker page: captures pointer moves on the pad, sends them in batches, and charts the
// aggregated stats by polling `stats?after=<last seq>`.
import './language-guard.ts';
import '../../lib/header.ts';
import './mouse.css';
import { api, ApiError, byId, messageOf } from '#web/lib/api.ts';
import { formatNumber } from '#web/lib/locale.ts';
import { LiveChart, type StatsPoint } from './chart.ts';
import { BatchSender, type PointerSample } from './sender.ts';

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
interface Totals {
  distance: number;
  events: number;
  duration_ms: number;
  avg_velocity: number;
  max_velocity: number;
  batches: number;
  skipped_batches: number;
  late_batches: number;
  pending_batches: number;
}

const POLL_MS = 250;
/** Late and passed batches change the totals without a new stats point: refresh them this often anyway. */
const TOTALS_EVERY_POLLS = 4;
const sessionId = crypto.randomUUID();
const pad = byId('pad');
const chart = new LiveChart(byId('chart'));
const status = byId('status');
const show = (id: string, value: number, digits = 0): void => {
  const el = byId(id);
  el.textContent = formatNumber(value, digits);
  el.dataset.value = String(value);
};
byId('session-id').textContent = sessionId;

const sender = new BatchSender(sessionId, (c) => {
  show('sent-batches', c.sentBatches);
  show('buffered', c.buffered);
  show('dropped', c.dropped);
  status.textContent = c.status;
});

// The coalesced events are every position the browser sampled since the last pointermove; their own
// timestamps (same clock as performance.now()) keep the segments' dt honest.
let lastT = 0;
pad.addEventListener('pointermove', (e) => {
  const rect = pad.getBoundingClientRect();
  const moves = e.getCoalescedEvents?.() ?? [];
  const samples: PointerSample[] = (moves.length > 0 ? moves : [e]).map((m) => {
    lastT = Math.max(lastT, performance.timeOrigin + m.timeStamp); // the API refuses t going backwards
    return { x: m.clientX - rect.left, y: m.clientY - rect.top, t: lastT };
  });
  sender.push(samples);
});

let lastSeq = -1;
let polls = 0;
/** Fetches every new stats point (following cursors), then the totals if anything changed or it is time. */
const poll = async (): Promise<void> => {
  const fresh: StatsPoint[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `after=${lastSeq}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: Page<StatsPoint> = await api(`/mouse/sessions/${sessionId}/stats?${query}`);
    fresh.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  if (fresh.length > 0) {
    lastSeq = fresh[fresh.length - 1]!.seq;
    chart.append(fresh);
    byId('chart-empty').hidden = true;
  } else if (lastSeq < 0 || ++polls % TOTALS_EVERY_POLLS !== 0) return;
  const totals = await api<Totals>(`/mouse/sessions/${sessionId}`);
  show('total-distance', totals.distance, 1);
  show('total-events', totals.events);
  show('duration', totals.duration_ms / 1000, 1);
  show('avg-velocity', totals.avg_velocity, 1);
  show('max-velocity', totals.max_velocity, 1);
  show('total-batches', totals.batches);
  show('skipped-batches', totals.skipped_batches);
  show('late-batches', totals.late_batches);
  show('pending-batches', totals.pending_batches);
};

const chartError = byId('chart-error');
const loop = async (): Promise<void> => {
  try {
    await poll();
    chartError.textContent = '';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // The chart tries again on the next tick; meanwhile it says why it is not moving.
    chartError.textContent = `The chart could not be updated: ${messageOf(error)} Trying again…`;
  }
  setTimeout(() => void loop(), POLL_MS);
};
void loop();
