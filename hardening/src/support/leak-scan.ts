import { inspect } from 'node:util';

/** `text` with each `%XX` read as the character it encodes (a URL's spelling of a secret), the rest as it is. */
function percentDecoded(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** One captured text: a log line, an error rendering, a response, the demo's output. */
export interface CapturedText {
  readonly label: string;
  readonly text: string;
}

/**
 * Collects everything a secret could leak into and checks it for sentinels. Secrets are named by
 * kind in the findings, never quoted.
 */
export class LeakScan {
  readonly captured: CapturedText[] = [];
  /** Sentinel value -> its kind (`password`, `access token`, ...). */
  readonly #sentinels = new Map<string, string>();

  /** Adds a secret to look for. Empty values are ignored. */
  sentinel(value: string, kind: string): void {
    if (value !== '') this.#sentinels.set(value, kind);
  }

  text(label: string, text: string | undefined): void {
    this.captured.push({ label, text: text ?? '' });
  }

  /** `message`, `stack`, `cause`, `toJSON` (JSON.stringify), `String()` and `util.inspect` (also with hidden properties). */
  error(label: string, error: unknown): void {
    const value = error as { message?: unknown; stack?: unknown; cause?: unknown } | null | undefined;
    this.text(`${label} message`, String(value?.message));
    this.text(`${label} stack`, String(value?.stack));
    this.text(`${label} cause`, inspect(value?.cause, { depth: 8 }));
    this.text(`${label} String()`, String(error));
    this.text(`${label} JSON.stringify`, safeJson(error));
    this.text(`${label} util.inspect`, inspect(error, { depth: 8 }));
    this.text(`${label} util.inspect showHidden`, inspect(error, { depth: 3, showHidden: true }));
  }

  /** `String()`, `JSON.stringify` and `util.inspect` of an object that holds secrets. */
  object(label: string, value: unknown): void {
    this.text(`${label} String()`, String(value));
    this.text(`${label} JSON.stringify`, safeJson(value));
    this.text(`${label} util.inspect`, inspect(value, { depth: 8 }));
  }

  /** Awaits `promise`, which must reject, and captures the rejection. */
  async rejection(label: string, promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      this.error(label, error);
      return error;
    }
    throw new Error(`${label}: expected a rejection`);
  }

  /** Runs `action`, which must throw, and captures the error. */
  thrown(label: string, action: () => unknown): unknown {
    try {
      action();
    } catch (error) {
      this.error(label, error);
      return error;
    }
    throw new Error(`${label}: expected a throw`);
  }

  /** Every (captured text from index `from` on, sentinel kind) pair where the text holds the sentinel. */
  findings(from = 0): string[] {
    const found: string[] = [];
    for (const { label, text } of this.captured.slice(from)) {
      const decoded = percentDecoded(text);
      for (const [value, kind] of this.#sentinels) {
        if (text.includes(value) || decoded.includes(value)) found.push(`${label}: ${kind}`);
      }
    }
    return found;
  }

  get sentinelCount(): number {
    return this.#sentinels.size;
  }
}

/** `JSON.stringify`, or what it threw (a rendering that throws is captured as such, not hidden). */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch (error) {
    return `JSON.stringify threw ${error instanceof Error ? error.name : typeof error}`;
  }
}
