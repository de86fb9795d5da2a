/**
 * The Slack surfaces the app registers listeners for. manifest.yml must declare exactly these
 * (test/manifest.test.ts checks), and the listeners register with these same constants.
 */
export const PAPERS_COMMAND = '/papers';
export const HANDLED_EVENTS = ['app_home_opened', 'reaction_added', 'reaction_removed', 'link_shared'] as const;
export const REGISTERED = { commands: [PAPERS_COMMAND], events: [...HANDLED_EVENTS] } as const;
