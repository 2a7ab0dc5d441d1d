import { z } from 'zod';
import { partialDate, text } from './common.ts';

export const scripts = ['uk-Cyrl', 'ru-Cyrl', 'Latn'] as const;
export const nameKinds = ['primary', 'former', 'adoptive', 'nickname', 'other'] as const;
export const sexes = ['female', 'male', 'unknown'] as const;
export const displacementKinds = [
  'evacuated-from-front-line',
  'crossed-border',
  'removed-from-institution',
  'other',
  'unknown',
] as const;
export const placements = [
  'institution',
  'foster-family',
  'guardian',
  'adoptive-family',
  'own-family',
  'unknown',
] as const;

export const personName = z.object({
  givenName: text(100),
  familyName: text(100).optional(),
  patronymic: text(100).optional(),
  script: z.enum(scripts).optional().describe('Detected from the letters when left out'),
  kind: z.enum(nameKinds).default('primary'),
});
export type PersonName = z.infer<typeof personName>;

export const displacement = z.object({
  place: text(200).optional(),
  date: partialDate.optional(),
  kind: z.enum(displacementKinds).default('unknown'),
});

/** The identity fields shared by a dossier and the child a tracing request seeks. */
export const childIdentity = {
  names: z.array(personName).min(1).max(20),
  sex: z.enum(sexes).default('unknown'),
  birthDate: partialDate.optional(),
  birthPlace: text(200).optional(),
  displacement: displacement.default({ kind: 'unknown' }),
};
