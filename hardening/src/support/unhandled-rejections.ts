/**
 * Records every `unhandledRejection` of the process between {@link start} and {@link stop}, without
 * swallowing anything (vitest's own listener still sees them).
 */
export class UnhandledRejections {
  readonly reasons: unknown[] = [];
  readonly #listener = (reason: unknown): void => {
    this.reasons.push(reason);
  };

  start(): void {
    process.on('unhandledRejection', this.#listener);
  }

  stop(): void {
    process.off('unhandledRejection', this.#listener);
  }
}
