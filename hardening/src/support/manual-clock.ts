/** The instant every {@link ManualClock} starts at: 2026-01-01T00:00:00Z. */
export const CLOCK_START = Date.parse('2026-01-01T00:00:00Z');

/** A clock the test moves by hand, shared by the emulator and the client (`clock: clock.read`). */
export class ManualClock {
  now = CLOCK_START;

  /** The current time in ms; pass it as the `clock` option of both sides. */
  readonly read = (): number => this.now;

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.now += ms;
  }

  /** Back to {@link CLOCK_START}. */
  reset(): void {
    this.now = CLOCK_START;
  }
}
