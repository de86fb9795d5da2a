/**
 * The Upvote button every rendered paper carries, and the pure edits that update its count in a
 * message Slack already shows. One button for every surface: the listener tells the surfaces apart
 * by where the click came from, and the value says which paper (and, for ephemeral results, which
 * page to redraw, since Slack sends no copy of an ephemeral message with the click).
 */
import { ACTION_IDS } from './action-ids.js';
import { SLACK_LIMITS } from './limits.js';
import type { Block, Button } from './message.js';
import { decodePageRequest, encodePageRequest, type PageRequest } from './page-value.js';

/** "<paper id>" or "<paper id> <page request>": paper ids never hold a space (short hashes). */
export interface VoteValue {
  readonly paperId: string;
  readonly page: PageRequest | null;
}

const PAPER_ID = /^[^\s]{1,300}$/;

export function encodeVoteValue(paperId: string, page?: PageRequest): string {
  if (!page) return paperId;
  return `${paperId} ${encodePageRequest(page, SLACK_LIMITS.buttonValue - paperId.length - 1)}`;
}

/** Null for anything that is not a value we drew. */
export function decodeVoteValue(value: string | undefined): VoteValue | null {
  if (!value) return null;
  const space = value.indexOf(' ');
  const paperId = space < 0 ? value : value.slice(0, space);
  if (!PAPER_ID.test(paperId)) return null;
  if (space < 0) return { paperId, page: null };
  const page = decodePageRequest(value.slice(space + 1));
  return page ? { paperId, page } : null;
}

/** The label: the workspace's count once there is one. */
export const voteLabel = (count: number): string => (count > 0 ? `:arrow_up: Upvote · ${count}` : ':arrow_up: Upvote');

export function voteButton(paperId: string, count: number, page?: PageRequest): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: voteLabel(count), emoji: true },
    action_id: ACTION_IDS.vote,
    value: encodeVoteValue(paperId, page),
  };
}

type Json = Record<string, unknown>;

function relabel(element: Json, paperId: string, count: number): Json {
  if (element['type'] !== 'button' || element['action_id'] !== ACTION_IDS.vote) return element;
  if (decodeVoteValue(element['value'] as string | undefined)?.paperId !== paperId) return element;
  return { ...element, text: { type: 'plain_text', text: voteLabel(count), emoji: true } };
}

/**
 * The same blocks with every Upvote button for `paperId` showing `count`; everything else as it
 * was (the blocks came back from Slack, so they are already as Slack accepts them).
 */
export function withVoteCount(blocks: readonly unknown[], paperId: string, count: number): Block[] {
  return blocks.map((raw) => {
    const block = raw as Json;
    const next: Json = { ...block };
    if (Array.isArray(block['elements'])) next['elements'] = (block['elements'] as Json[]).map((e) => relabel(e, paperId, count));
    if (block['accessory'] && typeof block['accessory'] === 'object') next['accessory'] = relabel(block['accessory'] as Json, paperId, count);
    return next as unknown as Block;
  });
}

/** The paper ids of the Upvote buttons in some blocks (to load their counts). */
export function votedPaperIds(blocks: readonly unknown[]): string[] {
  const ids = new Set<string>();
  for (const raw of blocks) {
    const block = raw as Json;
    const elements = [...((block['elements'] as Json[] | undefined) ?? []), ...(block['accessory'] ? [block['accessory'] as Json] : [])];
    for (const e of elements) {
      if (e['action_id'] !== ACTION_IDS.vote) continue;
      const id = decodeVoteValue(e['value'] as string | undefined)?.paperId;
      if (id) ids.add(id);
    }
  }
  return [...ids];
}
