/**
 * The workspace a button click came from: the payload's team, or (in some Enterprise Grid and
 * shared-channel payloads, where `team` is null) the clicking user's own team.
 */
import type { BlockButtonAction } from '@slack/bolt';

export const actionTeam = (body: BlockButtonAction): string | undefined => body.team?.id ?? body.user.team_id;
