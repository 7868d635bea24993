// Issue 10 section 6: one vocabulary for the same kind of body. Old spellings
// of local_actors[].type stay valid, are read as the new value, and warn at
// their line.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { engine, partnershipFrom } from './helpers/engine.js';
import { assessBytes } from '../src/engine/run.js';
import { partnershipJsonSchema } from '../src/cli/commands/schema.js';

const ctx = engine();

describe('rules/renamed.yaml', () => {
  it('every kind of body that partner.type and local_actors[].type both name has one spelling', () => {
    const partner = ctx.rules.vocabulary.partner_type;
    const local = ctx.rules.vocabulary.local_actor_type;
    for (const value of ['university', 'research-institute', 'media-outlet', 'civil-society-organization', 'political-party', 'other']) {
      expect(partner, value).toHaveProperty(value);
      expect(local, value).toHaveProperty(value);
    }
    for (const old of Object.keys(ctx.rules.renamed.local_actor_type)) expect(local).not.toHaveProperty(old);
  });

  it.each(Object.entries(ctx.rules.renamed.local_actor_type))(
    '"%s" is read as its new value, with a warning at its line',
    (old, { use }) => {
      const doc = partnershipFrom({
        local_actors: [{ name: 'Local body', type: old, international_experience: 'extensive', washing_concerns: false }],
      });
      const text = stringify(doc);
      const line = text.split('\n').findIndex((l) => l.includes(`type: ${old}`)) + 1;
      const loaded = ctx.loader.load('old.yaml', Buffer.from(text));
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) return;
      expect(loaded.partnership.local_actors?.[0].type).toBe(use);
      expect(loaded.warnings).toEqual([
        expect.stringMatching(
          new RegExp(`^old\\.yaml:${line}:\\d+: local_actors\\[0\\]\\.type: "${old}" is an old spelling, read as "${use}": write `),
        ),
      ]);
      const r = assessBytes('old.yaml', Buffer.from(text), ctx);
      expect(r.warnings).toEqual(loaded.warnings);
    },
  );

  it('a current spelling gives no warning, and an old spelling elsewhere is no old spelling (media is a sector)', () => {
    const doc = partnershipFrom({
      activities: [{ type: 'media-cooperation', sectors: ['media'] }],
      local_actors: [{ name: 'Le Progrès', type: 'media-outlet' }],
    });
    const loaded = ctx.loader.load('new.yaml', Buffer.from(stringify(doc)));
    expect(loaded.ok && loaded.warnings).toEqual([]);
  });

  it('the influence rule fires on the new spellings', () => {
    for (const type of ['university', 'research-institute', 'media-outlet']) {
      const doc = partnershipFrom({
        partner: { country: 'CN' },
        local_actors: [{ name: 'Local body', type, international_experience: 'extensive', washing_concerns: false }],
      });
      const r = assessBytes('x.yaml', Buffer.from(stringify(doc)), ctx);
      expect(
        r.findings.map((f) => f.ruleId),
        type,
      ).toContain('influence-channels');
    }
  });

  it('the JSON Schema offers the new spellings and marks the old ones deprecated', () => {
    const schema = partnershipJsonSchema(ctx) as { properties: { local_actors: { items: { properties: { type: unknown } } } } };
    const text = JSON.stringify(schema.properties.local_actors.items.properties.type);
    expect(text).toMatch(/"deprecated":true,"description":"Old spellings, still read: academia \(now university\)/);
    expect(text).toContain('"research-institute"');
  });
});
