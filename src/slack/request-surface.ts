/**
 * Which Slack surface a request body belongs to, and a bounded name for it (our command, one of
 * our action ids, a handled event type), for metrics and logs. Anything else is "other", so a
 * signed payload with invented names cannot create new metric series.
 */
import { ACTION_IDS } from '../core/blocks/action-ids.js';
import { DIGEST_ACTION_IDS } from '../core/blocks/digest-action-ids.js';
import type { Surface } from '../metrics/metrics.js';
import { HANDLED_EVENTS, PAPERS_COMMAND } from './listeners/surface.js';

const KNOWN_ACTIONS: ReadonlySet<string> = new Set<string>([...Object.values(ACTION_IDS), ...Object.values(DIGEST_ACTION_IDS)]);
const KNOWN_EVENTS: ReadonlySet<string> = new Set(HANDLED_EVENTS);

type Body = Record<string, unknown>;

export function surfaceOf(body: unknown): { surface: Surface; name: string } {
  const b = (body ?? {}) as Body;
  if (typeof b['command'] === 'string') return { surface: 'command', name: b['command'] === PAPERS_COMMAND ? PAPERS_COMMAND : 'other' };
  if (b['type'] === 'block_actions') {
    const id = ((b['actions'] as Body[] | undefined)?.[0])?.['action_id'];
    return { surface: 'action', name: typeof id === 'string' && KNOWN_ACTIONS.has(id) ? id : 'other' };
  }
  if (b['type'] === 'event_callback') {
    const type = (b['event'] as Body | undefined)?.['type'];
    return { surface: 'event', name: typeof type === 'string' && KNOWN_EVENTS.has(type) ? type : 'other' };
  }
  return { surface: 'other', name: 'other' };
}
