/**
 * Idempotency-Keys for placing orders: one per attempt. Sending the same body again (a retry after a
 * lost answer or a network failure) reuses the attempt's key, so the server returns the checkout it
 * already placed instead of placing a second one; a different body (another address, a note, a new
 * preview after 409) is a new attempt with a new key.
 */
export function createAttempts(newKey: () => string = defaultKey): { keyFor(body: unknown): string; done(): void } {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      if (!last || last.body !== text) last = { body: text, key: newKey() };
      return last.key;
    },
    /** The attempt succeeded: whatever comes next is a new one. */
    done() {
      last = null;
    },
  };
}

function defaultKey(): string {
  return `checkout-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;
}
