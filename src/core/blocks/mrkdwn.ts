/**
 * Making corpus and user text safe inside Slack mrkdwn.
 *
 * Slack needs &, < and > escaped as entities. It has no escape for the formatting characters
 * (* _ ~ `), so a title like "A*-search with soft_max" would turn bold or italic half-way.
 * We swap them for look-alike code points: the text reads the same and cannot start formatting.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02cd', // ˍ modifier letter low macron
  '~': '\u223c', // ∼ tilde operator
  '`': '\u02cb', // ˋ modifier letter grave accent
};

export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => LOOK_ALIKES[c] ?? c);
}

/** A link `<url|label>`; the label is escaped and may not contain '|' (Slack would end the label there). */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '\u2223')}>`;
}

/** Bold a phrase; whitespace stays outside the asterisks because Slack only bolds `*word*` at word edges. */
export function bold(escaped: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(escaped);
  if (!match || match[2] === '') return escaped;
  return `${match[1]}*${match[2]}*${match[3]}`;
}
