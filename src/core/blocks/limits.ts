/**
 * Slack's Block Kit limits, and helpers that keep text inside them. Slack rejects a whole message
 * (invalid_blocks) when one field is too long, so renderers clamp every field they fill from the
 * corpus or from user input; tests check every rendered message with findLimitViolations.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerHomeView: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionsElements: 25,
  /** Top-level `text`: Slack truncates beyond 40,000; we keep fallbacks far shorter. */
  messageText: 40_000,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` code points, ending with an ellipsis when cut. Counting code
 * points (not UTF-16 units) never splits an emoji or accented letter's surrogate pair, and an
 * escaped `&amp;`, `&lt;` or `&gt;` is never split either.
 */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  if (max <= 0) return '';
  // A cut inside an entity ("&am") would leave a bare & that Slack reads as markup: drop the stub.
  return points.slice(0, max - 1).join('').replace(/&(?:a|am|amp|l|lt|g|gt)?$/, '').trimEnd() + ELLIPSIS;
}

/** Length as Slack counts it for limits: we use code points, the stricter-than-needed safe choice. */
export const lengthOf = (text: string): number => Array.from(text).length;

export interface LimitViolation {
  readonly path: string;
  readonly problem: string;
}

type Json = Record<string, unknown>;

/** Every limit a message (or home view) breaks; empty when Slack would accept it. */
export function findLimitViolations(
  message: { readonly text?: string; readonly blocks: readonly unknown[] },
  options: { readonly maxBlocks?: number; readonly requireText?: boolean } = {},
): LimitViolation[] {
  const out: LimitViolation[] = [];
  const maxBlocks = options.maxBlocks ?? SLACK_LIMITS.blocksPerMessage;
  if ((options.requireText ?? true) && (typeof message.text !== 'string' || message.text.trim() === '')) {
    out.push({ path: 'text', problem: 'fallback text missing' });
  }
  if (message.text !== undefined && lengthOf(message.text) > SLACK_LIMITS.messageText) out.push({ path: 'text', problem: 'too long' });
  if (message.blocks.length > maxBlocks) out.push({ path: 'blocks', problem: `${message.blocks.length} blocks > ${maxBlocks}` });
  const blockIds = new Set<string>();
  message.blocks.forEach((raw, i) => {
    const block = raw as Json;
    const path = `blocks[${i}]`;
    const check = (value: unknown, max: number, where: string): void => {
      if (typeof value === 'string' && lengthOf(value) > max) out.push({ path: `${path}.${where}`, problem: `${lengthOf(value)} > ${max}` });
      if (typeof value === 'string' && value.length === 0) out.push({ path: `${path}.${where}`, problem: 'empty' });
    };
    if (typeof block['block_id'] === 'string') {
      check(block['block_id'], SLACK_LIMITS.blockId, 'block_id');
      if (blockIds.has(block['block_id'])) out.push({ path: `${path}.block_id`, problem: 'duplicate block_id' });
      blockIds.add(block['block_id']);
    }
    const textOf = (t: unknown): unknown => (t as Json | undefined)?.['text'];
    switch (block['type']) {
      case 'header':
        check(textOf(block['text']), SLACK_LIMITS.headerText, 'text.text');
        break;
      case 'section':
        check(textOf(block['text']), SLACK_LIMITS.sectionText, 'text.text');
        break;
      case 'context': {
        const elements = (block['elements'] as unknown[] | undefined) ?? [];
        if (elements.length > SLACK_LIMITS.contextElements) out.push({ path, problem: 'too many context elements' });
        elements.forEach((e, j) => check(textOf(e), SLACK_LIMITS.sectionText, `elements[${j}].text`));
        break;
      }
      case 'actions': {
        const elements = (block['elements'] as Json[] | undefined) ?? [];
        if (elements.length > SLACK_LIMITS.actionsElements) out.push({ path, problem: 'too many actions' });
        const actionIds = new Set<string>();
        elements.forEach((e, j) => {
          check(textOf(e['text']), SLACK_LIMITS.buttonText, `elements[${j}].text.text`);
          check(e['action_id'], SLACK_LIMITS.actionId, `elements[${j}].action_id`);
          check(e['value'], SLACK_LIMITS.buttonValue, `elements[${j}].value`);
          check(e['url'], SLACK_LIMITS.buttonUrl, `elements[${j}].url`);
          const id = e['action_id'];
          if (typeof id === 'string') {
            if (actionIds.has(id)) out.push({ path: `${path}.elements[${j}]`, problem: 'duplicate action_id in block' });
            actionIds.add(id);
          }
        });
        break;
      }
      default:
        break;
    }
  });
  return out;
}
