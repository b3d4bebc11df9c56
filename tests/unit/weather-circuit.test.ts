import { describe, expect, it } from 'vitest';
import { admission, CLOSED, openDuration, type CircuitPolicy } from '#functions/weather/domain/circuit.ts';

const policy: CircuitPolicy = { failures: 5, openMs: 5000, maxOpenMs: 20_000, probeMs: 3500 };
const NOW = 1_000_000;

describe('Domain: admission()', () => {
  it('lets every call through while closed, whatever failures it has counted', () => {
    expect(admission(CLOSED, NOW)).toEqual({ go: true, probe: false });
    expect(admission({ ...CLOSED, failures: 4 }, NOW)).toEqual({ go: true, probe: false });
  });

  it('holds every call while open, for the time left', () => {
    expect(admission({ ...CLOSED, openUntil: NOW + 4200, opens: 1 }, NOW)).toEqual({ go: false, waitMs: 4200 });
  });

  it('lets one probe through once open time is over, and holds the rest while it is out', () => {
    const halfOpen = { ...CLOSED, openUntil: NOW - 1, opens: 1 };
    expect(admission(halfOpen, NOW)).toEqual({ go: true, probe: true });
    expect(admission({ ...halfOpen, probeUntil: NOW + 3000 }, NOW)).toEqual({ go: false, waitMs: 3000 });
    // A probe that never reported (its Lambda died) stops holding the others when its time is up.
    expect(admission({ ...halfOpen, probeUntil: NOW - 1 }, NOW)).toEqual({ go: true, probe: true });
  });
});

describe('Domain: openDuration()', () => {
  it('doubles with each failed probe, up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((opens) => openDuration(policy, opens))).toEqual([
      5000, 10_000, 20_000, 20_000, 20_000,
    ]);
  });
});
