/** The merchants domain's typed errors. */
import { ConflictError } from '../lib/errors';

/** A store with this name exists (names compare case-, width- and space-insensitively). */
export class StoreNameTakenError extends ConflictError {
  constructor(name: string) {
    super(`A store named "${name}" already exists`);
  }
}

/** A transaction lost a race with a concurrent change of the store or its staff: retried, then a 409. */
export class StaleMerchantError extends ConflictError {
  constructor() {
    super('The store changed meanwhile: try again');
  }
}
export const isStale = (err: unknown): boolean => err instanceof StaleMerchantError;
