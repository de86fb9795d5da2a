/**
 * Making corpus and user text safe for Slack. Slack reads `&`, `<` and `>` as control
 * characters in every text field (mentions, `<!channel>`, links, dates), so every string we send
 * that holds corpus or user text goes through escapeText exactly once, in the renderer that
 * places it. Nothing else is changed: what a user copies from Slack is what the paper says.
 *
 * Slack's mrkdwn has no escape for * _ ~ `; it only formats a run whose markers sit at word
 * edges ("soft_max" and "A*-search" stay as they are). So bold is applied to whole words only,
 * and corpus text is never wrapped in markers it could unbalance (boldText).
 */

// C0 controls (but tab and newline) and DEL: invisible in Slack, and some clients choke on them.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function escapeText(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A link `<url|label>`; the label is escaped and may not contain '|' (Slack would end the label
 * there). The URL's `&` is written `&amp;` (Slack decodes it), so query strings keep working.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent).replace(/&/g, '&amp;');
  return `<${safeUrl}|${escapeText(label).replace(/\|/g, '\u2223')}>`;
}

/** Bold a phrase; whitespace stays outside the asterisks because Slack only bolds `*word*` at word edges. */
export function bold(escaped: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(escaped);
  if (!match || match[2] === '') return escaped;
  return `${match[1]}*${match[2]}*${match[3]}`;
}

/**
 * Bold for already-escaped text that may hold `*` itself: such text is left unbolded, because
 * its own asterisk would close the bold early and show stray markers.
 */
export function boldText(escaped: string): string {
  return escaped.includes('*') ? escaped : bold(escaped);
}

// Slack formats `*run*` only when the markers have a space or bracket outside them and the text
// inside: "(*PA*&amp;*DA*)" shows its asterisks. These are the neighbours that keep bold working.
const OPENS = /^$|[\s(\["'“‘]$/u;
const CLOSES = /^$|^[\s.,;:!?)\]"'”’]/u;

/** Whether a run between `before` and `after` (raw text) can be bolded as Slack formats bold. */
export function atWordEdges(before: string, run: string, after: string): boolean {
  const last = Array.from(before).pop() ?? '';
  const next = Array.from(after)[0] ?? '';
  const inner = run.trim();
  return inner !== '' && inner === run && !run.includes('*') && OPENS.test(last) && CLOSES.test(next);
}
