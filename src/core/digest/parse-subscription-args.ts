/**
 * Understanding what users type after `/papers subscribe | unsubscribe | digest`.
 * Every result is a value: `{ ok: true, ... }` or `{ ok: false, message }`, where the message is
 * Slack mrkdwn that names the problem and shows a working example. User text quoted back in a
 * message is escaped, so a typo can never turn into formatting or a mention.
 */
import { escapeText } from '../blocks/mrkdwn.js';
import { formatTimeOfDay, resolveTimeZone, type ScheduleDays } from './schedule.js';

export const MAX_TOPICS = 10;
export const MAX_TOPIC_LENGTH = 100;

export type ParseResult<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly message: string };

/** Slack turns straight quotes into curly ones in some clients; treat them all alike. */
const QUOTES_ALL = /["\u201c\u201d\u201e\u00ab\u00bb]/;
/** A comma, semicolon or the standalone word "and" ("rock-and-roll" and "sand" stay whole). */
const SEPARATOR = /[,;]|(?<=^|\s)and(?=\s|$)/i;

/** `“x”` for messages, escaped for mrkdwn and cut so an absurd input cannot flood the reply. */
const quote = (text: string): string => `“${escapeText(Array.from(text).slice(0, 60).join(''))}${Array.from(text).length > 60 ? '…' : ''}”`;

/**
 * Splits a topic list on commas and on the word "and". Text inside quotes is kept whole, so
 * `"retrieval and generation"` stays one topic. Words not separated by a comma form one topic
 * (`large language models`), because a topic is a search query and multi-word topics are common;
 * the confirmation lists the topics as understood, so a user who meant two sees it at once.
 * An unclosed quote runs to the end of the text rather than failing.
 */
function splitTopics(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  // Even segments are outside quotes, odd ones inside.
  text.split(QUOTES_ALL).forEach((segment, i) => {
    if (i % 2 === 1) {
      current += ` ${segment} `;
      return;
    }
    const pieces = segment.split(SEPARATOR);
    current += pieces[0] ?? '';
    for (const piece of pieces.slice(1)) {
      parts.push(current);
      current = piece;
    }
  });
  parts.push(current);
  return parts;
}

const normalizeTopic = (raw: string): string => raw.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

export interface TopicList {
  /** Lower-cased, deduplicated, in the order typed. Empty means "overall trending". */
  readonly topics: readonly string[];
}

/** `subscribe diffusion, quantization`; empty means the overall trending papers. */
export function parseTopics(text: string): ParseResult<TopicList> {
  const topics: string[] = [];
  for (const part of splitTopics(text)) {
    const topic = normalizeTopic(part);
    if (topic === '') continue;
    if (!/[\p{L}\p{N}]/u.test(topic)) {
      return {
        ok: false,
        message: `${quote(topic)} is not a topic I can search for: use words, e.g. \`/papers subscribe diffusion, quantization\`.`,
      };
    }
    if (Array.from(topic).length > MAX_TOPIC_LENGTH) {
      return {
        ok: false,
        message: `The topic ${quote(topic)} is longer than ${MAX_TOPIC_LENGTH} characters. Use a few key words, and separate topics with commas, e.g. \`/papers subscribe diffusion, quantization\`.`,
      };
    }
    if (!topics.includes(topic)) topics.push(topic);
  }
  if (topics.length > MAX_TOPICS) {
    return {
      ok: false,
      message: `That is ${topics.length} topics; a channel can follow at most ${MAX_TOPICS}. Pick the ones that matter most, e.g. \`/papers subscribe diffusion, quantization\`.`,
    };
  }
  return { ok: true, topics };
}

export type DigestCommand =
  | { readonly action: 'now' }
  | {
      readonly action: 'at';
      /** "HH:MM", 24-hour. */
      readonly time: string;
      /** Canonical IANA zone, or null to keep the channel's current (or the default) zone. */
      readonly timezone: string | null;
      /** Null keeps the channel's current (or the default) days. */
      readonly days: ScheduleDays | null;
    };

const DIGEST_USAGE =
  'Use `/papers digest at 09:00 [Europe/Berlin] [weekdays|daily]` to set when this channel gets its digest, or `/papers digest now` to get it right away.';

/** "9:00", "09:00", "21:30", "9am", "9:30 pm", "9" -> "HH:MM"; null when it is not a time of day. */
export function parseClockTime(text: string): string | null {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase().replace(/\./g, '');
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return formatTimeOfDay({ hour, minute });
}

const DAYS_WORDS: Readonly<Record<string, ScheduleDays>> = {
  weekdays: 'weekdays',
  weekday: 'weekdays',
  'mon-fri': 'weekdays',
  daily: 'daily',
  everyday: 'daily',
};

/** `digest now` or `digest at <time> [zone] [weekdays|daily]` (zone and days in either order). */
export function parseDigestArgs(text: string): ParseResult<{ readonly command: DigestCommand }> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase();
  if (first === 'now' && words.length === 1) return { ok: true, command: { action: 'now' } };
  if (first !== 'at') {
    return { ok: false, message: words.length === 0 ? DIGEST_USAGE : `I didn't understand ${quote(text.trim())}. ${DIGEST_USAGE}` };
  }
  const rest = words.slice(1);
  if (rest.length === 0) {
    return { ok: false, message: `Tell me a time, e.g. \`/papers digest at 09:00\` or \`/papers digest at 9am Europe/Berlin weekdays\`.` };
  }
  // "9 am" arrives as two words.
  const timeWords = rest[1] && /^(am|pm|a\.m\.|p\.m\.)$/i.test(rest[1]) ? 2 : 1;
  const rawTime = rest.slice(0, timeWords).join(' ');
  const time = parseClockTime(rawTime);
  if (time === null) {
    return {
      ok: false,
      message: `${quote(rawTime)} is not a time of day I understand. Use 24-hour \`09:00\` or \`21:30\`, or \`9am\`, e.g. \`/papers digest at 09:00 Europe/Berlin\`.`,
    };
  }
  let timezone: string | null = null;
  let days: ScheduleDays | null = null;
  for (const word of rest.slice(timeWords)) {
    const dayRule = DAYS_WORDS[word.toLowerCase()];
    if (dayRule) {
      if (days !== null && days !== dayRule) return { ok: false, message: `Choose one of \`weekdays\` or \`daily\`, not both. ${DIGEST_USAGE}` };
      days = dayRule;
      continue;
    }
    const zone = resolveTimeZone(word);
    if (zone) {
      if (timezone !== null && timezone !== zone) return { ok: false, message: `Give one time zone, not two. ${DIGEST_USAGE}` };
      timezone = zone;
      continue;
    }
    return {
      ok: false,
      message:
        `${quote(word)} is neither a time zone I know nor \`weekdays\`/\`daily\`. ` +
        'Time zones are IANA names such as `Europe/Berlin`, `America/New_York`, `Asia/Tokyo` or `UTC`, ' +
        `e.g. \`/papers digest at ${time} Europe/Berlin weekdays\`.`,
    };
  }
  return { ok: true, command: { action: 'at', time, timezone, days } };
}
