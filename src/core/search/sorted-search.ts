/**
 * Binary search in an ascending array (postings, token tables): the position of `value` among
 * the first `count` items, or -1. One loop for every sorted table the search module keeps.
 */
export function indexOfSorted<T extends number | string>(items: ArrayLike<T>, value: T, count: number = items.length): number {
  let lo = 0;
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
