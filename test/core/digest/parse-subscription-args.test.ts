import { describe, expect, it } from 'vitest';
import { MAX_TOPICS, parseClockTime, parseDigestArgs, parseTopics } from '../../../src/core/digest/parse-subscription-args.js';

const topicsOf = (text: string): readonly string[] => {
  const result = parseTopics(text);
  if (!result.ok) throw new Error(`expected ok for ${text}: ${result.message}`);
  return result.topics;
};
const errorOf = (result: { ok: boolean; message?: string }): string => {
  if (result.ok) throw new Error('expected an error');
  return result.message ?? '';
};

describe('parseTopics', () => {
  it('splits on commas and the word "and", lower-cases and dedupes', () => {
    expect(topicsOf('diffusion, quantization')).toEqual(['diffusion', 'quantization']);
    expect(topicsOf('Diffusion and Quantization')).toEqual(['diffusion', 'quantization']);
    expect(topicsOf('diffusion, quantization, and RLHF')).toEqual(['diffusion', 'quantization', 'rlhf']);
    expect(topicsOf('diffusion,diffusion , DIFFUSION')).toEqual(['diffusion']);
    expect(topicsOf('  large   language models ; agents')).toEqual(['large language models', 'agents']);
  });
  it('keeps quoted topics whole, including straight and curly quotes', () => {
    expect(topicsOf('"retrieval and generation", quantization')).toEqual(['retrieval and generation', 'quantization']);
    expect(topicsOf('\u201cmixture of experts\u201d and sparsity')).toEqual(['mixture of experts', 'sparsity']);
    // An unclosed quote runs to the end rather than failing.
    expect(topicsOf('"state space models, mamba')).toEqual(['state space models, mamba']);
  });
  it('does not split words that merely contain "and"', () => {
    expect(topicsOf('sandboxing, rock-and-roll')).toEqual(['sandboxing', 'rock-and-roll']);
  });
  it('treats nothing as the overall trending papers', () => {
    expect(topicsOf('')).toEqual([]);
    expect(topicsOf(' , and ,')).toEqual([]);
  });
  it('refuses too many, too long or unsearchable topics with a message naming the problem', () => {
    const many = Array.from({ length: MAX_TOPICS + 1 }, (_, i) => `topic${i}`).join(', ');
    expect(errorOf(parseTopics(many))).toMatch(/11 topics.*at most 10/);
    expect(topicsOf(Array.from({ length: MAX_TOPICS }, (_, i) => `topic${i}`).join(', '))).toHaveLength(MAX_TOPICS);
    expect(errorOf(parseTopics('x'.repeat(101)))).toMatch(/longer than 100 characters/);
    expect(topicsOf('x'.repeat(100))).toEqual(['x'.repeat(100)]);
    expect(errorOf(parseTopics('diffusion, !!!'))).toMatch(/not a topic.*\/papers subscribe diffusion, quantization/);
  });
  it('escapes user text quoted back in a message', () => {
    expect(errorOf(parseTopics('<!channel> *' + 'a'.repeat(120)))).not.toMatch(/<!channel>/);
  });
});

describe('parseClockTime', () => {
  it('accepts 24-hour, 12-hour and bare-hour forms', () => {
    expect(parseClockTime('9:00')).toBe('09:00');
    expect(parseClockTime('09:00')).toBe('09:00');
    expect(parseClockTime('21:30')).toBe('21:30');
    expect(parseClockTime('9am')).toBe('09:00');
    expect(parseClockTime('9:30pm')).toBe('21:30');
    expect(parseClockTime('12am')).toBe('00:00');
    expect(parseClockTime('12pm')).toBe('12:00');
    expect(parseClockTime('7')).toBe('07:00');
  });
  it('rejects what is not a time of day', () => {
    for (const bad of ['24:00', '9:60', '13pm', '0am', 'nine', '9:0', '']) expect(parseClockTime(bad)).toBeNull();
  });
});

describe('parseDigestArgs', () => {
  it('understands now', () => {
    expect(parseDigestArgs('now')).toEqual({ ok: true, command: { action: 'now' } });
    expect(parseDigestArgs('NOW')).toEqual({ ok: true, command: { action: 'now' } });
  });
  it('understands at with optional zone and days in either order', () => {
    expect(parseDigestArgs('at 09:00')).toEqual({ ok: true, command: { action: 'at', time: '09:00', timezone: null, days: null } });
    expect(parseDigestArgs('at 9am europe/berlin weekdays')).toEqual({
      ok: true,
      command: { action: 'at', time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' },
    });
    expect(parseDigestArgs('at 9 pm daily UTC')).toEqual({ ok: true, command: { action: 'at', time: '21:00', timezone: 'UTC', days: 'daily' } });
    expect(parseDigestArgs('at 21:30 America/New_York')).toEqual({
      ok: true,
      command: { action: 'at', time: '21:30', timezone: 'America/New_York', days: null },
    });
  });
  it('names a bad time and shows an example', () => {
    expect(errorOf(parseDigestArgs('at 25:00'))).toMatch(/“25:00” is not a time of day.*digest at 09:00/);
    expect(errorOf(parseDigestArgs('at'))).toMatch(/Tell me a time/);
  });
  it('names an unknown zone and shows real ones', () => {
    const message = errorOf(parseDigestArgs('at 09:00 Berlin'));
    expect(message).toMatch(/“Berlin” is neither a time zone/);
    expect(message).toMatch(/Europe\/Berlin/);
    expect(errorOf(parseDigestArgs('at 09:00 Mars/Olympus_Mons'))).toMatch(/Mars\/Olympus/);
  });
  it('refuses contradictions and unknown actions', () => {
    expect(errorOf(parseDigestArgs('at 09:00 weekdays daily'))).toMatch(/not both/);
    expect(errorOf(parseDigestArgs('at 09:00 UTC Europe/Berlin'))).toMatch(/one time zone/);
    expect(errorOf(parseDigestArgs('tomorrow'))).toMatch(/didn't understand.*digest at 09:00/);
    expect(errorOf(parseDigestArgs(''))).toMatch(/digest now/);
  });
});
