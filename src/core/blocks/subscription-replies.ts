/**
 * Replies to the subscription subcommands (subscribe, unsubscribe, subscriptions, digest at/now).
 * Pure: the handlers decide what happened and pass it here with the times already computed.
 *
 * Times are shown with Slack's `<!date^...>` token, which each reader sees in their own time
 * zone; its fallback text gives the time in the channel's zone, for clients that cannot render it.
 */
import type { DigestNowOutcome } from '../digest/digest-outcome.js';
import type { DigestSchedule } from '../digest/schedule.js';
import { localDateTimeOf } from '../digest/schedule.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';
import { boldText, escapeText } from './mrkdwn.js';
import { renderNotice } from './render-notice.js';

/** Topics as the user typed them, each in bold where Slack can show it (boldText), comma-separated. */
const boldList = (items: readonly string[]): string => items.map((t) => boldText(escapeText(t))).join(', ');

/** Why a conversation cannot get a digest (slack/subcommands/channel-access.ts decides). */
export type ChannelRefusal =
  | { readonly reason: 'not_in_channel' | 'archived' | 'direct_message' }
  /** `needed`: the scope Slack said is missing, when it said one. */
  | { readonly reason: 'missing_scope'; readonly needed: string | null };

export interface SubscriptionView {
  readonly channelId: string;
  readonly topics: readonly string[];
  readonly schedule: DigestSchedule;
  readonly pausedReason: string | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A zone name as code: zones are validated IANA names, and inside backticks their underscores
 * stay underscores (escaping them to look-alikes would break copy and paste into a command).
 */
export const zoneCode = (zone: string): string => `\`${zone.replace(/[^A-Za-z0-9/_+-]/g, '')}\``;

/** A time every reader sees in their own zone, falling back to the channel's zone. */
export function slackDate(instant: Date, zone: string): string {
  const t = localDateTimeOf(instant, zone);
  const fallback = `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)} ${zone.replace(/[^A-Za-z0-9/_+-]/g, '')}`;
  return `<!date^${Math.floor(instant.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

/** A link to a message; slack.com/archives redirects to the right workspace. */
export function messageLink(channelId: string, ts: string): string {
  return `https://slack.com/archives/${encodeURIComponent(channelId)}/p${ts.replace('.', '')}`;
}

export function describeTopics(topics: readonly string[]): string {
  return topics.length === 0 ? 'the overall trending papers' : `papers on ${boldList(topics)}`;
}

export function describeSchedule(schedule: DigestSchedule): string {
  return `${schedule.days === 'weekdays' ? 'weekdays (Mon–Fri)' : 'every day'} at *${schedule.time}* ${zoneCode(schedule.timezone)}`;
}

const notice = (text: string): SlackMessage => renderNotice(truncate(text, SLACK_LIMITS.sectionText));

/** A change to the channel's digest is posted in the channel, so it says who made it. */
const changedBy = (userId: string): string => `\n_Changed by <@${userId.replace(/[^A-Z0-9]/gi, '')}>._`;

const CHANGE_HINT = 'Change the time with `/papers digest at 09:00 Europe/Berlin weekdays`, see it all with `/papers subscriptions`.';

export const SUBSCRIPTION_REPLIES = {
  subscribed: (view: SubscriptionView, next: Date, change: 'created' | 'updated', by: string, unmatched: readonly string[] = []): SlackMessage =>
    notice(
      `:newspaper: <#${view.channelId}> ${change === 'created' ? 'is now subscribed to' : 'now gets'} ${describeTopics(view.topics)}, ` +
        `${describeSchedule(view.schedule)}. Next digest: ${slackDate(next, view.schedule.timezone)}.\n` +
        (unmatched.length > 0
          ? `:warning: No paper matches ${boldList(unmatched)} yet (check the spelling?); ` +
            'the digest will include such papers when they appear.\n'
          : '') +
        (view.topics.length === 1 && /\s/.test(view.topics[0] ?? '')
          ? 'That is one topic; separate several with commas (`diffusion, quantization`). '
          : '') +
        CHANGE_HINT +
        changedBy(by),
    ),

  scheduleChanged: (view: SubscriptionView, next: Date, created: boolean, by: string): SlackMessage =>
    notice(
      (created
        ? `:newspaper: <#${view.channelId}> had no digest, so it is now subscribed to the overall trending papers ` +
          '(pick topics with `/papers subscribe diffusion, quantization`). '
        : '') +
        `The digest comes ${describeSchedule(view.schedule)}. Next digest: ${slackDate(next, view.schedule.timezone)}.` +
        changedBy(by),
    ),

  unsubscribedAll: (channelId: string, by: string): SlackMessage =>
    notice(`<#${channelId}> will no longer get the daily digest. \`/papers subscribe &lt;topics&gt;\` starts it again.${changedBy(by)}`),

  topicsRemoved: (view: SubscriptionView, removed: readonly string[], by: string): SlackMessage =>
    notice(`Removed ${boldList(removed)}. <#${view.channelId}> now gets ${describeTopics(view.topics)}.${changedBy(by)}`),

  /** Removing the last topic stops the digest instead of widening it to everything trending. */
  lastTopicRemoved: (channelId: string, removed: readonly string[], by: string): SlackMessage =>
    notice(
      `Removed ${boldList(removed)}, the last topic, so <#${channelId}> will no longer get the digest. ` +
        '`/papers subscribe` with no topics gets the overall trending papers instead.' +
        changedBy(by),
    ),

  notFollowing: (view: SubscriptionView, missing: readonly string[]): SlackMessage =>
    notice(
      view.topics.length === 0
        ? `<#${view.channelId}> gets the overall trending papers, not topics. \`/papers unsubscribe\` stops the digest.`
        : `<#${view.channelId}> does not follow ${boldList(missing)}; ` +
            `it follows ${boldList(view.topics)}. Nothing was changed.`,
    ),

  noSubscription: (channelId: string): SlackMessage =>
    notice(
      `<#${channelId}> has no daily digest. Start one with \`/papers subscribe diffusion, quantization\` ` +
        '(or `/papers subscribe` for the overall trending papers).',
    ),

  status: (view: SubscriptionView, next: Date | null, last: { postedAt: Date; messageTs: string | null; paperCount: number } | null): SlackMessage => {
    const lines = [`*<#${view.channelId}>* gets ${describeTopics(view.topics)}, ${describeSchedule(view.schedule)}.`];
    if (view.pausedReason) {
      lines.push(
        `:warning: Paused: Slack said \`${view.pausedReason.replace(/[^a-z_]/gi, '')}\` when posting here. ` +
          'Invite me with `/invite @paperboy`, then run `/papers subscribe` again to resume.',
      );
    } else if (next) {
      lines.push(`Next digest: ${slackDate(next, view.schedule.timezone)}.`);
    }
    if (last) {
      const when = slackDate(last.postedAt, view.schedule.timezone);
      const link = last.messageTs ? ` (<${messageLink(view.channelId, last.messageTs)}|see it>)` : '';
      lines.push(`Last digest: ${when}, ${last.paperCount} paper${last.paperCount === 1 ? '' : 's'}${link}.`);
    } else {
      lines.push('No digest posted here yet.');
    }
    lines.push(CHANGE_HINT);
    return notice(lines.join('\n'));
  },

  /** Nothing was saved: the conversation cannot get a digest, and what to do instead. */
  refused: (refusal: ChannelRefusal): SlackMessage => {
    switch (refusal.reason) {
      case 'not_in_channel':
        return notice("I can't post in this channel yet, so nothing was saved. Invite me with `/invite @paperboy`, then run the command again.");
      case 'archived':
        return notice('This channel is archived, so it cannot get a digest. Nothing was saved.');
      case 'direct_message':
        return notice(
          'Digests are posted to channels, so nothing was saved here. Run `/papers subscribe &lt;topics&gt;` in the channel that should get them ' +
            '(invite me there first with `/invite @paperboy`). Searching with `/papers &lt;words&gt;` and `/papers saved` work here.',
        );
      case 'missing_scope':
        return notice(
          `I can't check this channel: the app is installed without the ${refusal.needed ? `\`${refusal.needed}\`` : 'channel-reading'} permission, ` +
            'so nothing was saved. A workspace admin can add it and reinstall the app (*OAuth &amp; Permissions* → *Reinstall to Workspace*; ' +
            "the scopes are in paperboy's `manifest.yml`), then run the command again.",
        );
    }
  },

  invalid: (message: string): SlackMessage => notice(message),

  /**
   * A digest is once per subscription and day: a channel that subscribes to other topics gets
   * today's digest on them once, and the reply names the topics so "already posted" is plain.
   */
  digestNow: (view: Pick<SubscriptionView, 'channelId' | 'topics'>, outcome: DigestNowOutcome): SlackMessage => {
    const { channelId } = view;
    const what = describeTopics(view.topics);
    switch (outcome.kind) {
      case 'posted':
        return notice(
          `Posted today's digest of ${what} (${outcome.paperCount} paper${outcome.paperCount === 1 ? '' : 's'}) in <#${channelId}>: ` +
            `<${messageLink(channelId, outcome.messageTs)}|open it>. It counts as today's digest for this subscription, so the scheduled one will not repeat it.`,
        );
      case 'already-done':
        return notice(
          outcome.messageTs
            ? `Today's digest of ${what} was already posted in <#${channelId}>: <${messageLink(channelId, outcome.messageTs)}|open it>. ` +
                'Each subscription gets one a day; the next one comes at the usual time (`/papers subscriptions` says when).'
            : `Today's digest for <#${channelId}> is being posted right now; it will appear in a moment.`,
        );
      case 'nothing-new':
        return notice(
          `Nothing new for <#${channelId}>: every matching paper has already been in a digest here. ` +
            'Add topics with `/papers subscribe &lt;topics&gt;` to widen it.',
        );
      case 'paused':
        return notice(
          `I couldn't post in <#${channelId}> (Slack said \`${outcome.reason.replace(/[^a-z_]/gi, '')}\`), so its digest is paused. ` +
            'Invite me with `/invite @paperboy`, then run `/papers subscribe` again to resume.',
        );
      case 'failed':
        return notice(':warning: Slack did not accept the digest just now, so nothing was posted. Please try `/papers digest now` again in a few minutes.');
    }
  },
};
