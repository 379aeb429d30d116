import { describe, it } from 'vitest';
import { MemoryTokenStore } from '../stores/memory-token-store';
import { describeTokenStore } from '../testing';

describeTokenStore('MemoryTokenStore', () => new MemoryTokenStore(), {
  test: { describe, it },
  lock: false,
});
