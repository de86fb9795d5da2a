/**
 * What a "Next 5" (or "Did you mean") button carries: enough to run the same search again at a
 * new offset, because Slack gives the listener only the button's value, not the original command.
 * Button values are capped at 2,000 chars, so a huge query is cut to fit (the user still gets
 * the next page of what they typed, give or take the tail of an absurd query).
 */
import { SLACK_LIMITS } from './limits.js';

export type PageRequest =
  | { readonly kind: 'search'; readonly query: string; readonly offset: number }
  | { readonly kind: 'similar'; readonly paperId: string; readonly offset: number };

type Wire = { k: 'q'; q: string; o: number } | { k: 's'; p: string; o: number };

/**
 * JSON with & < > (and DEL, which JSON leaves raw) written as \u escapes: Slack sees no control
 * characters in the value (every string we send is free of them) and JSON.parse gives the query
 * back unchanged.
 */
const toValue = (wire: Wire): string =>
  JSON.stringify(wire).replace(/[&<>\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** `maxLength`: the room left in a button value (a vote button puts the paper id before it). */
export function encodePageRequest(request: PageRequest, maxLength: number = SLACK_LIMITS.buttonValue): string {
  if (request.kind === 'similar') {
    return toValue({ k: 's', p: request.paperId, o: request.offset });
  }
  let query = Array.from(request.query);
  for (;;) {
    const value = toValue({ k: 'q', q: query.join(''), o: request.offset });
    if (value.length <= maxLength || query.length === 0) return value;
    // JSON escaping can make a character longer than one, so cut by the overflow and re-check.
    query = query.slice(0, Math.max(0, query.length - Math.max(1, value.length - maxLength)));
  }
}

/** Null for anything that is not a value we made (old or forged payloads get a friendly message). */
export function decodePageRequest(value: string | undefined): PageRequest | null {
  if (!value) return null;
  let wire: unknown;
  try {
    wire = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof wire !== 'object' || wire === null) return null;
  const w = wire as Record<string, unknown>;
  const offset = w['o'];
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) return null;
  if (w['k'] === 'q' && typeof w['q'] === 'string') return { kind: 'search', query: w['q'], offset };
  if (w['k'] === 's' && typeof w['p'] === 'string') return { kind: 'similar', paperId: w['p'], offset };
  return null;
}
