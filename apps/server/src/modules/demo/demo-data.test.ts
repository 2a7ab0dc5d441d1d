import { dossierInput, tracingRequestInput } from '@homeward/contracts';
import { describe, expect, it } from 'vitest';
import { identityDateIssues } from '../names/date-rules.ts';
import { DEMO_MARK, generateDemoChildren } from './demo-data.ts';

describe('demo data', () => {
  const kids = generateDemoChildren(200, 7);

  it('is deterministic, valid, and labelled fictional everywhere it could be mistaken for real', () => {
    expect(generateDemoChildren(200, 7)).toEqual(kids);
    for (const k of kids) {
      expect(dossierInput.safeParse(k.dossier).success).toBe(true);
      expect(identityDateIssues(k.dossier, '2026-06-01')).toEqual([]);
      expect(k.dossier.biography).toContain(DEMO_MARK);
      expect(k.dossier.currentLocation.address).toContain(DEMO_MARK);
      if (k.request) {
        expect(tracingRequestInput.safeParse(k.request).success).toBe(true);
        expect(k.request.requester.name).toContain(DEMO_MARK);
      }
    }
  });

  it('speaks the three languages: Russian and Latin dossiers, Ukrainian requests', () => {
    const scripts = new Set(kids.map((k) => k.dossier.names[0]!.script));
    expect(scripts).toEqual(new Set(['ru-Cyrl', 'Latn']));
    expect(kids.filter((k) => k.request).every((k) => k.request!.sought.names[0]!.script === 'uk-Cyrl')).toBe(true);
    expect(kids.some((k) => k.dossier.names.some((n) => n.kind === 'former'))).toBe(true);
  });
});
