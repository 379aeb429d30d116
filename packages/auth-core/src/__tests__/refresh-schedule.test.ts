import { describe, expect, it } from 'vitest';
import { refreshSchedule } from '../password/refresh-schedule';

const WINDOW = 300_000;
const MARGIN = 10_000;

describe('refreshSchedule', () => {
  it('refreshes a 2-hour token 5 minutes before expiry and stops handing it out 10 seconds before', () => {
    const issuedAt = 1_000_000;
    const expiresAt = issuedAt + 7_200_000;
    expect(refreshSchedule({ issuedAt, expiresAt }, WINDOW, MARGIN)).toEqual({
      refreshAt: expiresAt - 300_000,
      staleAt: expiresAt - 10_000,
    });
  });

  it('refreshes a 3-second token after half its life and treats it as expired at 90%', () => {
    const schedule = refreshSchedule({ issuedAt: 0, expiresAt: 3_000 }, WINDOW, MARGIN);
    expect(schedule).toEqual({ refreshAt: 1_500, staleAt: 2_700 });
  });

  it('keeps the defaults for a 345-day token', () => {
    const expiresAt = 29_823_918_000;
    expect(refreshSchedule({ issuedAt: 0, expiresAt }, WINDOW, MARGIN)).toEqual({
      refreshAt: expiresAt - WINDOW,
      staleAt: expiresAt - MARGIN,
    });
  });

  it('never starts the refresh window after the blocking margin', () => {
    const schedule = refreshSchedule({ issuedAt: 0, expiresAt: 60_000 }, 1_000, 30_000);
    expect(schedule.staleAt).toBe(54_000);
    expect(schedule.refreshAt).toBeLessThanOrEqual(schedule.staleAt);
  });

  it('uses the configured values when the lifetime is unknown', () => {
    expect(refreshSchedule({ expiresAt: 50_000 }, WINDOW, MARGIN)).toEqual({
      refreshAt: 50_000 - WINDOW,
      staleAt: 50_000 - MARGIN,
    });
  });
});
