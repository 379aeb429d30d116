/** The heap in use after full collections (three, so that finalizers run), in bytes. */
export async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/**
 * {@link settledHeap} plus what `ArrayBuffer`s hold outside the heap (typed arrays' contents, which
 * `heapUsed` leaves out), in bytes.
 */
export async function settledMemory(gc: () => void): Promise<number> {
  const heap = await settledHeap(gc);
  return heap + process.memoryUsage().arrayBuffers;
}
