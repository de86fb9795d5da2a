/**
 * The ephemeral answer to `/papers <query>`: a page of papers (SEARCH_PAGE_SIZE), each a linked title, a snippet
 * with the matched words in bold, the authors, the date and the arXiv, Hugging Face and code links, and buttons to share it, find
 * more like it or save it for later; then "Next" when there are more. Pure: the listener only sends what this returns.
 */
import type { Paper } from '../paper.js';
import { quotedQuery, unmatchedPhrasesSentence } from '../search/parse-query.js';
import { listingSentence, unknownFilterSentence } from '../search/query-filters.js';
import { SEARCH_PAGE_SIZE, type SearchHit, type SearchOutcome } from '../search/search-types.js';
import { makeSnippet } from '../search/snippet.js';
import { ACTION_IDS } from './action-ids.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block, Button, SlackMessage } from './message.js';
import { atWordEdges, bold, boldText, escapeText, mrkdwnLink } from './mrkdwn.js';
import { encodePageRequest, type PageRequest } from './page-value.js';
import { paperDetailsMrkdwn, paperUrl } from './paper-view.js';
import { emptyQueryBlock, emptyQueryReason } from './empty-query.js';
import { renderHelp } from './render-help.js';
import { voteButton } from './vote-button.js';

export interface SearchResultsContext {
  /** What the user typed (shown back to them, carried by "Next 5"). */
  readonly query: string;
  /** Offset of the first hit in `outcome` (0 for the first page). */
  readonly offset: number;
  /** Set when these are "more like this" results: the paper they are like. */
  readonly similarTo?: Paper;
  /** Plain sentences about how the command was read (markup left out), shown under the answer. */
  readonly notes?: readonly string[];
  /** The workspace's vote counts by paper id, shown on each Upvote button (none: no counts). */
  readonly votes?: ReadonlyMap<string, number>;
  /** "More like this": the words each paper shares with the one it is like (its one-line reason). */
  readonly reasons?: ReadonlyMap<string, readonly string[]>;
  /**
   * The request an Upvote redraws, when the message is more than these results (a paper looked
   * up by its arXiv id above papers like it); by default the page the context names.
   */
  readonly page?: PageRequest;
}

// Field budgets: a title, snippet and links together stay well inside a 3,000-char section.
const TITLE_MAX = 250;
const SNIPPET_MAX = 280;
const QUERY_SHOWN_MAX = 200;

/** The snippet as mrkdwn: matched words bold where Slack can bold them (whole words), all of it escaped. */
export function renderSnippet(text: string, matchedTerms: readonly string[], maxChars = SNIPPET_MAX): string {
  const parts = makeSnippet(text, matchedTerms, maxChars);
  return parts
    .map((part, i) => {
      const escaped = escapeText(part.text);
      const before = parts[i - 1]?.text ?? '';
      const after = parts[i + 1]?.text ?? '';
      return part.match && atWordEdges(before, part.text, after) ? bold(escaped) : escaped;
    })
    .join('');
}

export function button(text: string, actionId: string, value: string, style?: 'primary'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** Title, snippet and details; escaping can grow text (& becomes &amp;), so shrink until it fits. */
function paperText(hit: SearchHit, reason: readonly string[] | undefined): string {
  const { paper } = hit;
  const details = paperDetailsMrkdwn(paper);
  if (reason && reason.length > 0) details.unshift(`_Shares:_ ${escapeText(truncate(reason.join(', '), 120))}`);
  for (const [titleMax, snippetMax] of [[TITLE_MAX, SNIPPET_MAX], [120, 120], [60, 60]] as const) {
    const lines = [
      boldText(mrkdwnLink(paperUrl(paper), truncate(paper.title, titleMax))),
      renderSnippet(paper.abstract, hit.matchedTerms, snippetMax),
      details.join('  ·  '),
    ].filter((line) => line !== '');
    const text = lines.join('\n');
    if (text.length <= SLACK_LIMITS.sectionText) return text;
  }
  // Unreachable with sane links; cutting mid-link would garble the message, so drop to plain text.
  return truncate(escapeText(paper.title), SLACK_LIMITS.sectionText);
}

/** One paper's section and buttons; `rank` (1-based, 0 for a paper shown above the results) keeps block ids unique. */
export function paperBlocks(hit: SearchHit, rank: number, context: SearchResultsContext): Block[] {
  const { paper } = hit;
  // block ids carry the rank so they stay unique even if a paper id repeated; ids are short hashes.
  const idPart = truncate(paper.id, 200);
  return [
    {
      type: 'section',
      block_id: `paper_${rank}_${idPart}`,
      text: { type: 'mrkdwn', text: paperText(hit, context.reasons?.get(paper.id)) },
    },
    {
      type: 'actions',
      block_id: `paper_actions_${rank}_${idPart}`,
      elements: [
        // The vote redraws this page (an ephemeral message comes back with no copy of itself).
        voteButton(paper.id, context.votes?.get(paper.id) ?? 0, context.page ?? pageRequest(context, context.offset)),
        button('Share to channel', ACTION_IDS.share, truncate(paper.id, SLACK_LIMITS.buttonValue)),
        button('More like this', ACTION_IDS.moreLikeThis, truncate(paper.id, SLACK_LIMITS.buttonValue)),
        button('Save', ACTION_IDS.save, truncate(paper.id, SLACK_LIMITS.buttonValue)),
      ],
    },
  ];
}

function pageRequest(context: SearchResultsContext, offset: number): PageRequest {
  return context.similarTo
    ? { kind: 'similar', paperId: context.similarTo.id, offset }
    : { kind: 'search', query: context.query, offset };
}

/** The heading and the no-match line, for a search or for "More like this". */
function describeQuery(context: SearchResultsContext): { heading: { mrkdwn: string; plain: string }; none: { mrkdwn: string; plain: string } } {
  if (context.similarTo) {
    const title = truncate(context.similarTo.title, TITLE_MAX);
    return {
      heading: { mrkdwn: `Papers like ${boldText(escapeText(title))}`, plain: `Papers like "${escapeText(title)}"` },
      none: { mrkdwn: `No other paper is like ${boldText(escapeText(title))}.`, plain: `No other paper is like "${escapeText(title)}".` },
    };
  }
  const shown = truncate(context.query.trim(), QUERY_SHOWN_MAX);
  return {
    heading: { mrkdwn: `Papers for ${boldText(escapeText(shown))}`, plain: `Papers for ${escapeText(quotedQuery(shown))}` },
    none: { mrkdwn: `No papers match ${boldText(escapeText(shown))}.`, plain: `No papers match ${escapeText(quotedQuery(shown))}.` },
  };
}

/** The answer with the context's notes under it, in the blocks and the fallback text alike. */
export function renderSearchResults(outcome: SearchOutcome, context: SearchResultsContext): SlackMessage {
  const message = renderAnswer(outcome, context);
  const notes = (context.notes ?? []).map((note) => escapeText(truncate(note, 500)));
  if (notes.length === 0) return message;
  return {
    text: truncate(`${message.text}\n${notes.join(' ')}`, 3000),
    blocks: [...message.blocks, { type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn' as const, text })) }],
  };
}

function renderAnswer(outcome: SearchOutcome, context: SearchResultsContext): SlackMessage {
  if (outcome.kind === 'empty-query') {
    const help = renderHelp();
    const reason = emptyQueryReason(context.query, outcome.query);
    if (!reason) return help;
    return { text: `${reason.plain} ${help.text}`, blocks: [emptyQueryBlock(reason.mrkdwn), ...help.blocks] };
  }

  if (outcome.kind === 'unknown-filter') {
    const sentence = escapeText(unknownFilterSentence(outcome.unknown));
    return {
      text: truncate(sentence, 1000),
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: truncate(sentence, SLACK_LIMITS.sectionText) } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'For example `/papers diffusion has:code`; `/papers help` has the whole query syntax.' }] },
      ],
    };
  }

  const about = describeQuery(context);
  if (outcome.kind === 'no-results') {
    const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(about.none.mrkdwn, SLACK_LIMITS.sectionText) } }];
    let text = about.none.plain;
    if (outcome.suggestion) {
      const suggestion = truncate(outcome.suggestion, QUERY_SHOWN_MAX);
      text += ` Did you mean "${escapeText(suggestion)}"?`;
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: `Did you mean ${boldText(escapeText(suggestion))}?` },
        accessory: button(`Search "${escapeText(suggestion)}"`, ACTION_IDS.nextPage, encodePageRequest({ kind: 'search', query: outcome.suggestion, offset: 0 })),
      });
    } else {
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Try fewer or broader words, or `/papers help` for the query syntax.' }],
      });
    }
    return { text: truncate(text, 1000), blocks };
  }

  const first = context.offset + 1;
  const last = context.offset + outcome.hits.length;
  const range = outcome.hits.length === 0 ? `none of ${outcome.total}` : `${first}–${last} of ${outcome.total}`;
  const blocks: Block[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${about.heading.mrkdwn} (${range})`, SLACK_LIMITS.sectionText) },
    },
    ...(outcome.partial ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: truncate(escapeText(`Partial answer: ${outcome.partial}.`), SLACK_LIMITS.sectionText) }] }] : []),
    { type: 'divider' },
  ];
  const unmatched = outcome.listing ? listingSentence(outcome.query) : unmatchedPhrasesSentence(outcome.unmatchedPhrases);
  if (unmatched) blocks.splice(1, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeText(unmatched), SLACK_LIMITS.sectionText) }] });
  outcome.hits.slice(0, SEARCH_PAGE_SIZE).forEach((hit, i) => blocks.push(...paperBlocks(hit, context.offset + i + 1, context)));
  if (last < outcome.total) {
    blocks.push({
      type: 'actions',
      block_id: 'papers_paging',
      elements: [button(`Next ${SEARCH_PAGE_SIZE}`, ACTION_IDS.nextPage, encodePageRequest(pageRequest(context, last)), 'primary')],
    });
  }
  const titles = outcome.hits.slice(0, SEARCH_PAGE_SIZE).map((hit, i) => `${first + i}. ${escapeText(truncate(hit.paper.title, 120))}`);
  const partial = outcome.partial ? ` (partial answer: ${escapeText(outcome.partial)})` : '';
  const text = `${about.heading.plain} (${range})${partial}:${unmatched ? ` ${escapeText(unmatched)}` : ''}\n${titles.join('\n')}`;
  return { text: truncate(text, 2000), blocks };
}
