/**
 * Records by id, oldest first, holding at most `maxCount` of them and at most `maxBytes` of their sizes:
 * adding one drops the oldest until both bounds hold again (the newest is always kept).
 */
export class BoundedRecords<T> {
  readonly #entries = new Map<string, { readonly value: T; readonly bytes: number }>();
  readonly #maxCount: number;
  readonly #maxBytes: number;
  readonly #onDrop: ((id: string, value: T) => void) | undefined;
  #bytes = 0;

  /** `onDrop` is told of each record dropped past the bounds (not of those replaced or cleared). */
  constructor(maxCount: number, maxBytes: number, onDrop?: (id: string, value: T) => void) {
    this.#maxCount = maxCount;
    this.#maxBytes = maxBytes;
    this.#onDrop = onDrop;
  }

  /**
   * Keeps `value` under `id` as the newest record (replacing one under the same id), counting `bytes`
   * for it, and drops the oldest records past the bounds.
   */
  add(id: string, value: T, bytes: number): void {
    const replaced = this.#entries.get(id);
    if (replaced !== undefined) {
      this.#entries.delete(id);
      this.#bytes -= replaced.bytes;
    }
    this.#entries.set(id, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (oldest === id || (this.#entries.size <= this.#maxCount && this.#bytes <= this.#maxBytes)) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
      this.#onDrop?.(oldest, entry.value);
    }
  }

  get(id: string): T | undefined {
    return this.#entries.get(id)?.value;
  }

  /** Forgets record `id`: `false` when there was none. */
  delete(id: string): boolean {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    this.#entries.delete(id);
    this.#bytes -= entry.bytes;
    return true;
  }

  /** The records kept, oldest first. */
  values(): T[] {
    return [...this.#entries.values()].map((entry) => entry.value);
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
