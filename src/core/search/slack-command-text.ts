/**
 * A slash command's text as Slack sends it, read back into what the user typed. Slack escapes
 * the user's own `&`, `<` and `>` as entities and writes mentions, channels, @-specials and
 * links as `<...>` markup (https://docs.slack.dev/messaging/formatting-message-text). Markup is
 * read first (its `<` are real), then entities are decoded once, so `PA&amp;DA` is "PA&DA" and
 * a user who typed `&lt;` gets back "&lt;", never "<".
 *
 * A link's label is text the user typed (Slack links "x.org" as `<http://x.org|x.org>`), so it
 * stays. People, channels and @-specials are not words to search, so they are dropped and
 * counted, and the reply can say so. A paper link (arxiv.org, huggingface.co/papers) is kept as
 * its URL, which search reads as the paper (paper-reference.ts), with its label when the label
 * says more than the link itself (a title, not "arxiv.org/abs/...").
 */
import { paperLinkArxivId } from '../links/paper-links.js';
import { readPaperReferences } from './paper-reference.js';

export interface DroppedMarkup {
  readonly users: number;
  readonly channels: number;
  /** `<!here>`, `<!channel>`, `<!everyone>`, `<!subteam^...>`, `<!date^...>`. */
  readonly specials: number;
  /** Links with no label (only a URL) that are not paper links. */
  readonly bareLinks: number;
}

export interface CommandText {
  /** What the user meant to type, markup resolved and entities decoded, trimmed. */
  readonly text: string;
  readonly dropped: DroppedMarkup;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** Slack's three entities, decoded in one pass so `&amp;lt;` becomes "&lt;" (typed), not "<". */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => ENTITIES[name] ?? _);
}

export function readCommandText(raw: string): CommandText {
  const dropped = { users: 0, channels: 0, specials: 0, bareLinks: 0 };
  const out: string[] = [];
  let cursor = 0;
  for (const match of raw.matchAll(/<([^<>]*)>/g)) {
    out.push(decodeSlackEntities(raw.slice(cursor, match.index)));
    cursor = match.index + match[0].length;
    const inner = match[1] ?? '';
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? null : decodeSlackEntities(inner.slice(bar + 1));
    if (target.startsWith('@')) dropped.users++;
    else if (target.startsWith('#')) dropped.channels++;
    else if (target.startsWith('!')) dropped.specials++;
    else {
      const url = decodeSlackEntities(target);
      const paperId = paperLinkArxivId(url);
      if (paperId !== null) {
        const labelRefs = label === null ? null : readPaperReferences(label);
        const sameLink = labelRefs === null || (labelRefs.words === '' && labelRefs.ids.every((id) => id === paperId));
        out.push(` ${url} `, sameLink ? '' : `${label} `);
        continue;
      }
      if (label !== null && label.trim() !== '') {
        out.push(label);
        continue;
      } else dropped.bareLinks++;
    }
    out.push(' ');
  }
  out.push(decodeSlackEntities(raw.slice(cursor)));
  return { text: out.join('').replace(/[^\S\n]{2,}/g, ' ').trim(), dropped };
}

const count = (n: number, one: string, many: string): string | null => (n === 0 ? null : n === 1 ? `a ${one}` : `${n} ${many}`);

/**
 * One plain sentence saying what was left out of the text, or null when nothing was. Plain
 * text: renderers escape it like any other.
 */
export function droppedMarkupNote(command: Pick<CommandText, 'dropped'>): string | null {
  const { dropped } = command;
  const parts = [
    count(dropped.users, 'mention of a person', 'mentions of people'),
    count(dropped.channels, 'channel', 'channels'),
    count(dropped.specials, 'group mention (@here, @channel...)', 'group mentions (@here, @channel...)'),
    count(dropped.bareLinks, 'link without a label', 'links without labels'),
  ].filter((p): p is string => p !== null);
  const sentences: string[] = [];
  if (parts.length > 0) {
    const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
    sentences.push(`Left out ${list}: /papers searches words.`);
  }
  return sentences.length > 0 ? sentences.join(' ') : null;
}
