import type { DossierInput, TracingRequestInput } from '@homeward/contracts';
import { boys, girls, patronymics, places, regionsRu, surnames } from './demo-names.ts';

/** Small deterministic PRNG (mulberry32) so the demo is the same on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_MARK = 'FICTIONAL DEMO RECORD';

export interface DemoChild {
  dossier: DossierInput;
  request: TracingRequestInput | undefined;
}

const feminineUk = (s: string) => (s.endsWith('ий') ? s.slice(0, -2) + 'а' : s);
const feminineRu = (s: string) => (/(ов|ев|ин)$/.test(s) ? s + 'а' : s);

/**
 * Fictional children as the holding side would record them (Russian forms, sometimes a Latin
 * ICRC-style record, sometimes a changed surname), and for most of them a family's request in
 * Ukrainian. Clearly labelled as fictional in every biography and source id.
 */
export function generateDemoChildren(count: number, seed = 2025): DemoChild[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: DemoChild[] = [];
  for (let i = 0; i < count; i++) {
    const female = rnd() < 0.5;
    const [givenUk, givenRu, givenLat] = pick(female ? girls : boys);
    const [famUk, famRu, famLat] = pick(surnames);
    const [patUkM, patUkF, patRuM, patRuF] = pick(patronymics);
    const [placeUk, placeRu, placeLat] = pick(places);
    // Born 2005–2020, displaced 2022–2023: always after birth, and some are 18 or older by now.
    const born = `${2005 + Math.floor(rnd() * 16)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const latin = rnd() < 0.15;
    const adopted = rnd() < 0.12;
    const newSurname = pick(['Смирнов', 'Иванов', 'Кузнецов', 'Попов', 'Соколов']);
    const names: DossierInput['names'] = latin
      ? [{ givenName: givenLat, familyName: famLat.toUpperCase(), kind: 'primary', script: 'Latn' }]
      : [
          {
            givenName: givenRu,
            familyName: adopted ? (female ? feminineRu(newSurname) : newSurname) : famRu,
            patronymic: female ? patRuF : patRuM,
            kind: adopted ? 'adoptive' : 'primary',
            script: 'ru-Cyrl',
          },
        ];
    if (adopted && rnd() < 0.5) names.push({ givenName: givenRu, familyName: famRu, kind: 'former', script: 'ru-Cyrl' });
    const dossier: DossierInput = {
      sourceId: `DEMO-D-${String(i + 1).padStart(5, '0')}`,
      names,
      sex: female ? 'female' : 'male',
      birthDate: rnd() < 0.1 ? born.slice(0, 4) : born,
      birthPlace: latin ? placeLat : placeRu,
      displacement: {
        place: placeRu,
        date: `${2022 + Math.floor(rnd() * 2)}-${String(3 + Math.floor(rnd() * 9)).padStart(2, '0')}`,
        kind: pick(['evacuated-from-front-line', 'removed-from-institution', 'crossed-border', 'other'] as const),
      },
      currentLocation: {
        region: pick(regionsRu),
        placement: pick(['institution', 'foster-family', 'guardian', 'adoptive-family'] as const),
        address: `${DEMO_MARK}: ул. Вымышленная, д. ${1 + Math.floor(rnd() * 90)}`,
      },
      biography: latin
        ? `${DEMO_MARK}. Registered by a humanitarian organisation after evacuation from ${placeLat}.`
        : `${DEMO_MARK}. Ребёнок эвакуирован из города ${placeRu}; сведения вымышлены для демонстрации.`,
      languages: latin ? ['uk', 'en'] : ['uk', 'ru'],
      services: {
        social: { receiving: true, summary: `${DEMO_MARK}: социальное сопровождение` },
        medical: { receiving: rnd() < 0.7, summary: `${DEMO_MARK}: плановые осмотры` },
        psychological: { receiving: rnd() < 0.5, summary: `${DEMO_MARK}: консультации психолога` },
      },
    };
    const hasRequest = rnd() < 0.7;
    const request: TracingRequestInput | undefined = hasRequest
      ? {
          sourceId: `DEMO-Q-${String(i + 1).padStart(5, '0')}`,
          sought: {
            names: [
              {
                givenName: givenUk,
                familyName: female ? feminineUk(famUk) : famUk,
                patronymic: female ? patUkF : patUkM,
                kind: 'primary',
                script: 'uk-Cyrl',
              },
            ],
            sex: female ? 'female' : 'male',
            birthDate: born,
            birthPlace: placeUk,
            displacement: { place: placeUk, kind: 'unknown' },
            lastKnownPlace: placeUk,
          },
          requester: {
            name: `${DEMO_MARK}: ${pick(['Ірина', 'Наталія', 'Тетяна', 'Віктор', 'Оксана'])} ${famUk}`,
            relationship: pick(['mother', 'father', 'grandparent', 'aunt-uncle'] as const),
            contact: { phone: `+380 00 000 ${String(1000 + i).slice(-4)}` },
          },
        }
      : undefined;
    out.push({ dossier, request });
  }
  return out;
}
