/** A generic retry of an operation that lost a race. */

/** Retries `fn` when a transaction lost a race with a concurrent change (condition failed on a guard). */
export async function withRetries<T>(fn: () => Promise<T>, isRace: (err: unknown) => boolean, attempts = 4): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isRace(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * i + Math.floor(Math.random() * 20)));
    }
  }
}
