/**
 * The answer to `/papers <arXiv id or link>`: the paper itself first, then papers like it (the
 * "More like this" results, whose "Next" pages on through them); or, when paperboy does not
 * know the id, a plain sentence saying so and the query's other words (a link's label) offered
 * as a search. Pure; every string is escaped here.
 */
import type { Paper } from '../paper.js';
import type { SearchOutcome } from '../search/search-types.js';
import { ACTION_IDS } from './action-ids.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block, SlackMessage } from './message.js';
import { boldText, escapeText } from './mrkdwn.js';
import { encodePageRequest, type PageRequest } from './page-value.js';
import { button, paperBlocks, renderSearchResults } from './render-search-results.js';

export interface PaperLookup {
  /** The papers the query named that paperboy knows, in the order named, each with the id that named it. */
  readonly found: readonly { readonly arxivId: string; readonly paper: Paper }[];
  /** The ids it named that paperboy does not know. */
  readonly missing: readonly string[];
  /** The rest of the query, as typed. */
  readonly words: string;
  /** Papers like the first one found (its "More like this"), and each one's shared words. */
  readonly similar?: { readonly outcome: SearchOutcome; readonly reasons: ReadonlyMap<string, readonly string[]> };
  /** What redraws this message (an Upvote): the query as typed. */
  readonly page: PageRequest;
  readonly notes?: readonly string[];
  readonly votes?: ReadonlyMap<string, number>;
}

const WORDS_SHOWN_MAX = 200;
const idList = (ids: readonly string[]): string => ids.slice(0, 5).map((id) => truncate(id, 40)).join(', ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) }] });

/** Plain text: the ids paperboy has not read. */
export function unknownIdsSentence(ids: readonly string[]): string {
  return `paperboy does not know arXiv ${idList(ids)}: ${ids.length === 1 ? 'it is' : 'they are'} not among the papers it has read.`;
}

export function renderPaperLookup(lookup: PaperLookup): SlackMessage {
  const words = truncate(lookup.words.trim(), WORDS_SHOWN_MAX);
  const notes = (lookup.notes ?? []).map((note) => escapeText(truncate(note, 500)));
  const first = lookup.found[0]?.paper;
  if (!first) return renderUnknown(lookup.missing, words, notes);

  const named = lookup.found.map((f) => f.arxivId);
  const heading = `arXiv ${idList(named)}: ${lookup.found.length === 1 ? 'the paper' : 'the papers'}, then papers like ${lookup.found.length === 1 ? 'it' : 'the first'}.`;
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeText(heading), SLACK_LIMITS.sectionText) } }];
  const plain: string[] = [escapeText(heading)];
  if (lookup.missing.length > 0) {
    blocks.push(context(escapeText(unknownIdsSentence(lookup.missing))));
    plain.push(escapeText(unknownIdsSentence(lookup.missing)));
  }
  if (words !== '') {
    const sentence = `Not searched: the other words (${words}); /papers ${words} searches them.`;
    blocks.push(context(escapeText(sentence)));
  }
  const shown = lookup.found.slice(0, 3).map((f) => f.paper);
  const pinned = { query: '', offset: 0, page: lookup.page, ...(lookup.votes ? { votes: lookup.votes } : {}) };
  for (const paper of shown) blocks.push(...paperBlocks({ paper, score: 0, matchedTerms: [] }, 0, pinned));
  shown.forEach((paper, i) => plain.push(`${i + 1}. ${escapeText(truncate(paper.title, 120))}`));
  blocks.push({ type: 'divider' });
  if (lookup.similar) {
    const similar = renderSearchResults(lookup.similar.outcome, {
      query: first.title,
      offset: 0,
      similarTo: first,
      reasons: lookup.similar.reasons,
      page: lookup.page,
      ...(lookup.votes ? { votes: lookup.votes } : {}),
    });
    blocks.push(...similar.blocks);
    plain.push(similar.text);
  }
  if (notes.length > 0) blocks.push({ type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn' as const, text })) });
  return { text: truncate([...plain, ...notes].join('\n'), 3000), blocks };
}

function renderUnknown(missing: readonly string[], words: string, notes: readonly string[]): SlackMessage {
  const sentence = escapeText(unknownIdsSentence(missing));
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(sentence, SLACK_LIMITS.sectionText) } }];
  let text = sentence;
  if (words !== '') {
    const offer = `Search its other words instead: ${boldText(escapeText(words))}`;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(offer, SLACK_LIMITS.sectionText) },
      accessory: button(`Search "${escapeText(truncate(words, 60))}"`, ACTION_IDS.nextPage, encodePageRequest({ kind: 'search', query: words, offset: 0 })),
    });
    text += ` Search its other words instead: "${escapeText(words)}".`;
  } else {
    blocks.push(context('Search its title instead, e.g. `/papers linear mode connectivity`.'));
    text += ' Search its title instead.';
  }
  if (notes.length > 0) blocks.push({ type: 'context', elements: notes.map((t) => ({ type: 'mrkdwn' as const, text: t })) });
  return { text: truncate([text, ...notes].join('\n'), 3000), blocks };
}
