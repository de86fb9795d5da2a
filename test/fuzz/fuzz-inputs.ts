/**
 * What the fuzz tests throw at paperboy, and what every reply must satisfy. Inputs are built
 * from hostile fragments (Slack markup, SQL and regex metacharacters, quotes, control
 * characters, emoji, any Unicode, up to 4,000 characters) mixed with the words our subcommands
 * parse, so the generated texts reach every handler, not only search.
 */
import fc from 'fast-check';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import { encodePageRequest } from '../../src/core/blocks/page-value.js';
import { searchPapers, type SearchIndex } from '../../src/core/search/search-index.js';
import { buildDigestSubcommands } from '../../src/slack/subcommands/subscription-subcommands.js';
import type { Store } from '../../src/store/store.js';

export const SLACK_MARKUP = ['<@U123>', '<#C123|general>', '<#C123>', '<https://example.com/x?a=1&b=2|a label>', '<https://evil.example|click me>', '<!here>', '<!channel>', '<mailto:a@b.c|mail>'];
const SQL = ["'; DROP TABLE subscriptions; --", "' OR '1'='1", '"; DELETE FROM saves; --', '%', '_', '\\', '$1', '?'];
const REGEX = ['.*', '(a+)+$', '[', ']', '(', ')', '{2,}', '^', '$', '|', '\\d', '(?<x>', '\\'];
const QUOTES = ['"', "'", '“', '”', '‘', '’', '«', '»', '`', '```'];
const FORMATTING = ['*', '_', '~', '&', '&amp;', '&lt;', '&gt;', '<', '>', '<>', '><'];
const WORDS = ['diffusion', 'quantization', 'transformer', 'linear', 'mode', 'connectivity', 'the', 'a', '-diffusion', '"diffusion models"', 'difusion', 'schrodinger', 'one-step'];
const SUBCOMMANDS = ['help', 'saved', 'subscribe', 'unsubscribe', 'subscriptions', 'digest', 'digest at', 'digest now', 'digest at 09:00', 'digest at 25:99 Mars/Olympus', 'subscribe diffusion,', 'HELP', 'Subscribe'];
const CONTROL = ['\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u001b[31m', '\u007f', '\u200b', '\u200e', '\u202e', '\ufeff', '\ud800', '\udfff'];
const EMOJI = ['🧪', '👩🏽‍🔬', '🏳️‍🌈', ':tada:', '🇩🇪', '\u{1F600}'.repeat(3)];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...SLACK_MARKUP) },
  { weight: 1, arbitrary: fc.constantFrom(...SQL, ...REGEX, ...QUOTES, ...FORMATTING) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL, ...EMOJI) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/** A slash-command text as a user might type it, or as an attacker might send it. */
export const commandText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\t \t') },
  { weight: 12, arbitrary: fc.tuple(fc.option(fc.constantFrom(...SUBCOMMANDS), { nil: undefined }), fc.array(fragment, { maxLength: 10 })).map(([sub, parts]) => [sub, ...parts].filter((p) => p !== undefined).join(' ')) },
  // Rare, because a 4,000-character query costs tens of ms to search: enough of them to matter.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', 'subscribe ', 'digest at '), fc.array(fragment, { minLength: 1, maxLength: 4 })).map(([sub, parts]) => (sub + parts.join(' ').repeat(4000)).slice(0, 4000)) },
);

/** A button value: ours (well-formed page requests with hostile queries, real paper ids) or anything. */
export function actionValue(paperIds: readonly string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...paperIds.slice(0, 50)),
    commandText.map((q) => encodePageRequest({ kind: 'search', query: q, offset: 0 })),
    fc.tuple(commandText, fc.integer({ min: 0, max: 1_000_000 })).map(([q, o]) => encodePageRequest({ kind: 'search', query: q, offset: o })),
    fc.tuple(fc.constantFrom(...paperIds.slice(0, 50), 'no-such-paper'), fc.nat(500)).map(([p, o]) => encodePageRequest({ kind: 'similar', paperId: p, offset: o })),
    fc.json({ maxDepth: 2 }),
    fc.string({ maxLength: 2000 }),
    fc.constantFrom('{"k":"q","q":"x","o":-1}', '{"k":"q","o":1}', '{"k":"s","p":null,"o":0}', '{"k":"q","q":"x","o":1e308}', '{"__proto__":{"k":"q"}}', 'null', '[]', '""'),
  );
}

type Json = Record<string, unknown>;

/** Every user-visible string in a message: top-level text and every `text`/`alt_text` field. */
export function visibleStrings(message: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Json)) {
        if ((key === 'text' || key === 'alt_text' || key === 'fallback') && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(message);
  return out;
}

/** Slack control sequences we write ourselves: links, channel and user mentions, dates (`<!date^ts^{date}|fallback>`). */
const OUR_MARKUP = /<(?:https?:\/\/[^\s<>|]+|mailto:[^\s<>|]+|[#@][A-Z0-9]+|!date\^[^|<>]*)(?:\|([^<>]*))?>/g;

/** Problems with escaping: raw < > outside our own markup, a bare &, or the user's own markup passed through. */
export function escapingProblems(message: unknown, userText: string): string[] {
  const problems: string[] = [];
  const userMarkup = userText.match(/<[^<>\n]*>/g) ?? [];
  for (const text of visibleStrings(message)) {
    const labels: string[] = [];
    const rest = text.replace(OUR_MARKUP, (_m, label: string | undefined) => {
      if (label) labels.push(label);
      return ' ';
    });
    for (const piece of [rest, ...labels]) {
      if (/[<>]/.test(piece)) problems.push(`raw < or > in ${JSON.stringify(text.slice(0, 200))}`);
      if (/&(?!amp;|lt;|gt;)/.test(piece)) problems.push(`unescaped & in ${JSON.stringify(text.slice(0, 200))}`);
    }
    for (const markup of userMarkup) if (text.includes(markup)) problems.push(`user markup ${markup} passed through in ${JSON.stringify(text.slice(0, 200))}`);
  }
  return problems;
}

export interface SentMessage {
  readonly text?: string;
  readonly blocks?: readonly unknown[];
  /** 'home' for an App Home view (views.publish): 100 blocks, no fallback text. */
  readonly type?: string;
}

/** Slack's limits for a message or Home view (findLimitViolations), as "path: problem" strings. */
export function limitProblems(message: SentMessage): string[] {
  const options = message.type === 'home' ? { maxBlocks: 100, requireText: false } : {};
  return findLimitViolations({ ...(message.text !== undefined ? { text: message.text } : {}), blocks: message.blocks ?? [] }, options).map((v) => `${v.path}: ${v.problem}`);
}

/** The subscription subcommands as main.ts builds them, on a test store; `digest now` delivers nothing new. */
export function fuzzSubcommands(index: SearchIndex, store: Store) {
  return buildDigestSubcommands({
    store,
    config: { defaultTime: '09:00', defaultTimezone: 'UTC', maxPapers: 5 },
    deliver: async () => ({ kind: 'nothing-new' as const }),
    topicHasMatches: (topic) => searchPapers(index, topic, { limit: 1 }).kind === 'results',
  });
}
