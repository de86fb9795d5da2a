/**
 * With a store, event dedupe goes through Store.markEventSeen, so a retry that lands on another
 * process (sharing the database) is still handled once. The fake store stands for "another
 * process already saw Ev-seen".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../support/memory-store.js';
import { postSigned } from '../support/sign-request.js';
import { appHomeOpened, FIXED_NOW, SIGNING_SECRET, startPaperboy, type Harness } from './harness.js';

const seen = new Map<string, Date>([['Ev-seen', new Date('2026-03-14T08:59:00Z')]]);
const store = {
  ...createMemoryStore(),
  markEventSeen: async (eventId: string, now: Date) => {
    if (seen.has(eventId)) return false;
    seen.set(eventId, now);
    return true;
  },
};

describe('App Home dedupe through the store', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startPaperboy({}, { store });
  });
  afterAll(async () => {
    await h.close();
  });

  it('skips an event the store has already seen and records new ones with the injected clock', async () => {
    const send = (eventId: string, user: string) => postSigned(h.eventsUrl, SIGNING_SECRET, JSON.stringify(appHomeOpened(eventId, user)), { contentType: 'application/json' });
    expect((await send('Ev-seen', 'U0SEEN')).status).toBe(200);
    expect((await send('Ev-new', 'U0NEW')).status).toBe(200);
    await h.fake.waitFor((r) => r.method === 'views.publish' && r.body['user_id'] === 'U0NEW');
    expect(h.fake.calls('views.publish').map((r) => r.body['user_id'])).toEqual(['U0NEW']);
    expect(seen.get('Ev-new')).toEqual(FIXED_NOW);
  });
});
