/**
 * manifest.yml must be accepted by Slack (validated against Slack's published manifest schema)
 * and must declare exactly the command and events the code registers, so installing from it
 * gives a working app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { UNFURL_DOMAINS } from '../src/core/links/paper-links.js';
import { REGISTERED } from '../src/slack/listeners/surface.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA_NAME = 'manifest.schema.1.0.0.json';
// The canonical copy sits beside the repository (../shared); CI clones it there. The fixture copy
// (with its MIT licence) keeps the test meaningful anywhere else, and must not drift from it.
const sharedSchemaPath = fileURLToPath(new URL(`../../shared/slack/${SCHEMA_NAME}`, import.meta.url));
const fixtureSchemaPath = fileURLToPath(new URL(`./fixtures/slack/${SCHEMA_NAME}`, import.meta.url));

interface Manifest {
  display_information: { name: string };
  features: {
    slash_commands: { command: string; url?: string }[];
    app_home: { home_tab_enabled: boolean };
    bot_user: { display_name: string };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const manifest = parse(readFileSync(`${repoRoot}/manifest.yml`, 'utf8')) as Manifest;

function validator(schemaPath: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // Slack's schema uses a non-standard "regex" keyword (background_color); enforce it rather than ignore it.
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
  });
  // ajv ships no formats without ajv-formats; the schema only uses "uri" (for $schema).
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

describe('manifest.yml', () => {
  it('the fixture schema is the shared one, when the shared one is present', () => {
    expect(existsSync(fixtureSchemaPath)).toBe(true);
    expect(existsSync(fileURLToPath(new URL('./fixtures/slack/LICENSE.manifest-schema', import.meta.url)))).toBe(true);
    if (existsSync(sharedSchemaPath)) {
      expect(readFileSync(fixtureSchemaPath, 'utf8')).toBe(readFileSync(sharedSchemaPath, 'utf8'));
    } else {
      console.warn(`manifest test: ${sharedSchemaPath} not found; validating against the fixture copy only`);
    }
  });

  it("validates against Slack's manifest schema", () => {
    for (const path of [sharedSchemaPath, fixtureSchemaPath].filter(existsSync)) {
      const validate = validator(path);
      const valid = validate(manifest);
      expect(validate.errors ?? [], path).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('the schema check is real: a broken manifest fails it', () => {
    const validate = validator(fixtureSchemaPath);
    const broken = structuredClone(manifest) as unknown as Record<string, Record<string, unknown>>;
    broken['display_information']!['background_color'] = 'blue';
    broken['features']!['slash_commands'] = [{ command: 'papers' }];
    expect(validate(broken)).toBe(false);
    const messages = JSON.stringify(validate.errors);
    expect(messages).toContain('background_color');
    expect(messages).toContain('slash_commands');
  });

  it("the HTTP-mode steps in its comments, applied as written, give a manifest Slack's schema accepts", () => {
    const text = readFileSync(`${repoRoot}/manifest.yml`, 'utf8');
    const steps = [...text.matchAll(/^#\s+([a-z_]+(?:\.[a-z_]+|\[\d+\])+):\s+(\S+)\s*$/gm)].map((m) => ({ path: m[1] ?? '', value: m[2] ?? '' }));
    expect(steps.map((s) => s.path).sort()).toEqual(['features.slash_commands[0].url', 'settings.event_subscriptions.request_url', 'settings.interactivity.request_url']);
    const http = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
    for (const { path, value } of steps) {
      const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
      let node = http as Record<string, unknown>;
      for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[keys.at(-1) as string] = value.replace('YOUR-HOST', 'paperboy.example.com');
    }
    (http['settings'] as Record<string, unknown>)['socket_mode_enabled'] = false;
    const validate = validator(fixtureSchemaPath);
    expect(validate(http), JSON.stringify(validate.errors)).toBe(true);
    // The README's HTTP steps name the same keys.
    const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
    expect(readme).toContain("the slash command's `url:`");
    expect(readme).not.toMatch(/slash command'?s? `request_url/);
  });

  it('declares exactly the commands and events the code registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...REGISTERED.commands].sort());
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...REGISTERED.events].sort());
  });

  it('is set up for Socket Mode out of the box, with buttons and the home tab on', () => {
    expect(manifest.display_information.name).toBe('paperboy');
    expect(manifest.features.bot_user.display_name).toBe('paperboy');
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
    // Socket Mode needs no request URLs; a placeholder URL would only mislead admins.
    expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('asks for the least privilege the features need (history only to find its own digest after a crash, reactions read as votes)', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['channels:history', 'channels:read', 'chat:write', 'commands', 'groups:history', 'groups:read', 'links:read', 'links:write', 'reactions:read']);
  });

  it('declares the unfurl domains the link reader handles', () => {
    expect((manifest.features as { unfurl_domains?: string[] }).unfurl_domains).toEqual([...UNFURL_DOMAINS]);
  });
});
