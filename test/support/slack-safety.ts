/**
 * Checks that a payload we send to Slack carries no Slack control sequence it did not mean to:
 * every string field, at any depth (text, fallback text, labels, button values, ids). Used by
 * the renderer property test and the end-to-end tests alike.
 *
 * Slack reads `&`, `<` and `>` as control characters in text. The only `<...>` sequences
 * paperboy itself writes are links to http(s) URLs with escaped labels, the acting user's
 * mention, channel links and `<!date^...>` times; anything else (a `<!channel>`, a `<@U...>` of
 * someone else, a raw `&`) came from corpus or user text and was not escaped.
 */

export interface Unsafe {
  readonly path: string;
  readonly problem: string;
  readonly value: string;
}

export interface SafetyOptions {
  /** User ids paperboy may mention itself (the acting user). */
  readonly users?: readonly string[];
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const BAD_AMP = /&(?!amp;|lt;|gt;)/;
const LINK = /<https?:\/\/[^\s<>|]+\|[^<>|]*>/g;
const CHANNEL = /<#C[A-Z0-9]+>/g;
const DATE = /<!date\^\d+\^[^|<>]*\|[^<>]*>/g;

export function findUnsafeStrings(payload: unknown, options: SafetyOptions = {}): Unsafe[] {
  const out: Unsafe[] = [];
  const users = options.users ?? [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const problems: string[] = [];
      if (CONTROL.test(value)) problems.push('control character');
      if (path.endsWith('.url')) {
        if (/[\s<>|]/.test(value)) problems.push('URL with whitespace or markup');
      } else {
        if (BAD_AMP.test(value)) problems.push('unescaped &');
        let rest = value.replace(LINK, '').replace(CHANNEL, '').replace(DATE, '');
        for (const user of users) rest = rest.split(`<@${user}>`).join('');
        if (/[<>]/.test(rest)) problems.push('unescaped < or >');
      }
      if (problems.length > 0) out.push({ path, problem: problems.join(', '), value: value.slice(0, 200) });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) visit(v, path === '' ? key : `${path}.${key}`);
    }
  };
  visit(payload, '');
  return out;
}
