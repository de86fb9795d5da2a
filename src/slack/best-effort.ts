/**
 * For what only decorates an answer (vote counts, remembering a post for reaction votes): a
 * database that is unavailable costs that part, never the answer. Other errors still throw.
 */
import { isStoreUnavailable } from '../store/store-errors.js';

export async function unlessStoreUnavailable<T>(fn: () => Promise<T>, fallback: T, onUnavailable?: () => void): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    onUnavailable?.();
    return fallback;
  }
}
