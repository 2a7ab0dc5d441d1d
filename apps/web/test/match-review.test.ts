import { describe, expect, it } from 'vitest';
import type { DossierView, TracingRequestView } from '../src/api/client.ts';
import { hasPermission } from '../src/auth/permissions.ts';
import { agreement, comparedFields, fromDossier, fromRequest } from '../src/pages/matches/comparison.ts';
import { levelKey, percent, waterfall } from '../src/pages/matches/waterfall.ts';
import { parseRoute, paths } from '../src/route.ts';

describe('waterfall', () => {
  const evidence = [
    { field: 'prior', level: 'chance that any one record is this child, before comparing', weight: -10 },
    { field: 'given_name', level: 'same name', weight: 6 },
    {
      field: 'family_name',
      level: 'different surname (counts only a little: often changed in holding-country records)',
      weight: -3,
    },
    { field: 'birth_date', level: 'same date', weight: 12 },
  ];

  it('runs each bar from the total before a field to the total after it, on one scale', () => {
    const w = waterfall(evidence);
    expect(w.lines.map((l) => [l.from, l.to])).toEqual([
      [0, -10],
      [-10, -4],
      [-4, -7],
      [-7, 5],
    ]);
    // From -10 (lowest) to 5 (highest): 15 bits wide, zero at two thirds.
    expect(w.zero).toBeCloseTo((10 / 15) * 100);
    expect(w.lines[0]).toMatchObject({ left: 0 });
    expect(w.lines[0]!.width).toBeCloseTo((10 / 15) * 100);
    expect(w.lines[3]!.left).toBeCloseTo((3 / 15) * 100);
    expect(w.lines[3]!.width).toBeCloseTo((12 / 15) * 100);
    for (const l of w.lines) expect(l.left + l.width).toBeLessThanOrEqual(100.0001);
  });

  it('turns the total into the probability the engine reports', () => {
    const w = waterfall(evidence);
    expect(w.total).toBe(5);
    expect(w.probability).toBeCloseTo(1 / (1 + 2 ** -5));
  });

  it('draws no bars and a centred zero for empty evidence', () => {
    expect(waterfall([])).toMatchObject({ lines: [], total: 0, probability: 0.5 });
  });

  it('never shows an estimate as 100%, nor a faint match as 0%', () => {
    expect(percent(0.9999)).toBe(99);
    expect(percent(0.001)).toBe(1);
    expect(percent(1)).toBe(99); // the server rounds 0.99995 and above to 1
    expect(percent(0)).toBe(0);
    expect(percent(0.734)).toBe(73);
  });

  it('finds the translation of the engine’s level wording, noting a capped field', () => {
    expect(levelKey('given_name', 'same name')).toEqual({ key: 'match.level.given_name.l0', capped: false });
    expect(levelKey('family_name', evidence[2]!.level)).toEqual({
      key: 'match.level.family_name.l3',
      capped: true,
    });
    expect(levelKey('sex', 'missing on one side')).toEqual({ key: 'match.level.missing', capped: false });
    expect(levelKey('prior', 'anything')).toEqual({ key: 'match.level.prior', capped: false });
    expect(levelKey('birth_date', 'a wording from a newer engine')).toBeNull();
  });
});

const dossier = (over: Partial<DossierView> = {}): DossierView =>
  ({
    id: 'd1',
    names: [{ givenName: 'Олександр', familyName: 'Марченко', script: 'uk-Cyrl', kind: 'primary' }],
    sex: 'male',
    birthDate: '2015-07-02',
    birthPlace: 'Маріуполь',
    displacement: { place: 'Маріуполь', date: '2022-04', kind: 'crossed-border' },
    currentLocation: { region: 'Ростовская область', placement: 'institution' },
    withheld: [],
    ...over,
  }) as DossierView;

const request = (
  over: Partial<TracingRequestView['sought']> = {},
  withheld: string[] = [],
): TracingRequestView =>
  ({
    id: 'r1',
    sought: {
      names: [
        { givenName: 'Александр', familyName: 'Марченко', script: 'ru-Cyrl', kind: 'primary' },
        { givenName: 'олександр', familyName: 'марченко', script: 'uk-Cyrl', kind: 'primary' },
      ],
      sex: 'male',
      birthDate: '2015',
      birthPlace: 'Маріуполь ',
      displacement: { kind: 'unknown' },
      lastKnownPlace: null,
      ...over,
    },
    withheld,
  }) as TracingRequestView;

describe('side-by-side comparison', () => {
  it('marks what agrees, what differs and what only one side has', () => {
    const a = fromRequest(request());
    const b = fromDossier(dossier());
    const by = Object.fromEntries(comparedFields.map((f) => [f, agreement(f, a, b)]));
    expect(by).toEqual({
      names: 'same', // one written form appears on both sides (case and spacing aside)
      sex: 'same',
      birthDate: 'same', // 2015 agrees with 2015-07-02 at the precision given
      birthPlace: 'same',
      displacementPlace: 'missing',
      displacementDate: 'missing',
      place: 'missing',
    });
  });

  it('flags a different birth date, sex or name', () => {
    const a = fromRequest(
      request({
        birthDate: '2014-07',
        sex: 'female',
        names: [{ givenName: 'Олена', script: 'uk-Cyrl', kind: 'primary' }],
      }),
    );
    const b = fromDossier(dossier());
    expect(agreement('birthDate', a, b)).toBe('differs');
    expect(agreement('sex', a, b)).toBe('differs');
    expect(agreement('names', a, b)).toBe('differs');
  });

  it('never calls a withheld value a difference', () => {
    const a = fromRequest(request({ birthPlace: 'Київ' }, ['sought.birthPlace']));
    expect(a.birthPlace).toBeNull();
    expect(agreement('birthPlace', a, fromDossier(dossier()))).toBe('missing');
    expect(fromDossier(dossier({ withheld: ['currentLocation'] })).place).toBeNull();
  });
});

describe('permissions and routes', () => {
  it('shows match review to reviewers and cases to caseworkers, neither to viewers', () => {
    expect(hasPermission(['match-reviewer'], 'match.review')).toBe(true);
    expect(hasPermission(['match-reviewer'], 'case.write')).toBe(false);
    expect(hasPermission(['caseworker'], 'case.write')).toBe(true);
    expect(hasPermission(['caseworker'], 'match.review')).toBe(false);
    expect(hasPermission(['viewer', 'auditor'], 'match.read')).toBe(false);
    expect(hasPermission(['viewer', 'administrator'], 'case.read')).toBe(true);
  });

  it('routes matches and cases by id only', () => {
    const id = 'fc833e77-937c-43f0-ade3-cbf3eae6242d';
    expect(parseRoute(paths.match(id))).toEqual({ name: 'match', id });
    expect(parseRoute(paths.case(id))).toEqual({ name: 'case', id, tab: 'overview' });
    expect(parseRoute('/matches/')).toEqual({ name: 'matches' });
    expect(parseRoute('/cases')).toEqual({ name: 'cases' });
    expect(parseRoute('/cases/Марченко')).toEqual({ name: 'notFound' });
  });
});
