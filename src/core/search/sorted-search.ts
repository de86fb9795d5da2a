/**
 * Binary search in an ascending array (postings, token tables): the position of `value` among
 * items `from`..`count` - 1 (all of them by default), or -1. One loop for every sorted table the search module keeps.
 */
export function indexOfSorted<T extends number | string>(items: ArrayLike<T>, value: T, count: number = items.length, from = 0): number {
  let lo = from;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const item = items[mid]!;
    if (item === value) return mid;
    if (item < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
