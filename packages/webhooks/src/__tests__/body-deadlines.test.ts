import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BodyDeadlines } from '../body-deadlines';

/** A reader's `cancel`, counted, that resolves. */
const cancelled = () => vi.fn(() => Promise.resolve());

describe('BodyDeadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('cancels a body still being read once its limit passed, at most a tenth of it late, never early', () => {
    const deadlines = new BodyDeadlines(1_000);
    const cancel = cancelled();
    vi.advanceTimersByTime(35);
    const watch = deadlines.watch({ cancel });
    vi.advanceTimersByTime(999);
    expect(cancel).not.toHaveBeenCalled();
    expect(watch.expired).toBe(false);
    vi.advanceTimersByTime(100);
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(watch.expired).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('never cancels a body whose reading ended, and stops its timer when none is being read', () => {
    const deadlines = new BodyDeadlines(1_000);
    const cancels = Array.from({ length: 100 }, cancelled);
    const watches = cancels.map((cancel) => deadlines.watch({ cancel }));
    for (const watch of watches) deadlines.end(watch);
    vi.advanceTimersByTime(250);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    for (const cancel of cancels) expect(cancel).not.toHaveBeenCalled();
  });

  it('keeps the limit of each body from when it was watched, with one timer for all', () => {
    const deadlines = new BodyDeadlines(1_000);
    const early = cancelled();
    const late = cancelled();
    deadlines.watch({ cancel: early });
    vi.advanceTimersByTime(600);
    deadlines.watch({ cancel: late });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(500);
    expect([early.mock.calls.length, late.mock.calls.length]).toEqual([1, 0]);
    vi.advanceTimersByTime(600);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
