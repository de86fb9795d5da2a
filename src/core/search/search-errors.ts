/**
 * The search engine's errors, each with a code a caller can branch on and a `detail` it can
 * show without the "paperboy search: " prefix the message carries.
 */

/**
 * - `inconsistent`: index data that does not add up (a damaged snapshot, or an engine bug)
 * - `duplicate-id`: two papers with one id
 * - `too-large`: more than the snapshot layout can address
 * - `unsupported-platform`: a snapshot cannot be used on this machine (big-endian)
 */
export type SearchErrorCode = 'inconsistent' | 'duplicate-id' | 'too-large' | 'unsupported-platform';

export class SearchError extends Error {
  override readonly name = 'SearchError';
  constructor(
    readonly code: SearchErrorCode,
    readonly detail: string,
  ) {
    super(`paperboy search: ${detail}`);
  }
}

/**
 * Why a snapshot cannot be used; every one means "rebuild it from the corpus".
 * - `not-json`, `foreign` (not a paperboy snapshot), `version` (another format version),
 *   `settings` (built with other search settings), `incomplete`, `corrupt` (its data do not
 *   add up). A file's checksums and lengths are src/corpus/snapshot.ts's to check.
 */
export type SnapshotErrorCode = 'not-json' | 'foreign' | 'version' | 'settings' | 'incomplete' | 'corrupt';

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    readonly code: SnapshotErrorCode,
    readonly detail: string,
  ) {
    super(`paperboy search: ${detail}; rebuild it from the corpus`);
  }
}
