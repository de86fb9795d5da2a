/**
 * PAPERBOY_VOTE_REACTIONS: the emoji names whose reaction on a paperboy post about one paper is a
 * vote for it. Comma-separated names as Slack writes them in events ("+1", "fire", "thumbsup"),
 * colons allowed around each; a skin tone is not part of the name (reactions come without it).
 */
export const DEFAULT_VOTE_REACTIONS: readonly string[] = ['+1', 'fire'];

// Slack's custom emoji names: lower-case letters, digits, and - _ + ' (the built-in "+1").
const EMOJI_NAME = /^[a-z0-9_+'-]{1,100}$/;

export function parseVoteReactions(raw: string): { ok: true; reactions: string[] } | { ok: false; message: string } {
  const names = raw.split(',').map((name) => name.trim().replace(/^:(.*):$/, '$1').toLowerCase()).filter((name) => name !== '');
  const bad = names.filter((name) => !EMOJI_NAME.test(name));
  if (names.length === 0 || bad.length > 0) {
    const what = bad.length > 0 ? `${bad.map((b) => `"${b.slice(0, 40)}"`).join(', ')} ${bad.length === 1 ? 'is not an emoji name' : 'are not emoji names'}` : 'no emoji names given';
    return {
      ok: false,
      message: `PAPERBOY_VOTE_REACTIONS must be emoji names separated by commas, e.g. +1,fire,rocket (${what}). Unset it to use ${DEFAULT_VOTE_REACTIONS.join(',')}.`,
    };
  }
  return { ok: true, reactions: [...new Set(names)] };
}
