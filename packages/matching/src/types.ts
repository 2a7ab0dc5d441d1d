/**
 * The record shape the engine matches: the bench JSONL shape, shared by registry records,
 * tracing requests and dossiers. Every field but `id` is optional.
 */
export interface MatchRecord {
  id: string;
  given_name?: string | null;
  family_name?: string | null;
  patronymic?: string | null;
  other_names?: string[] | string | null;
  /** 'M' or 'F' (also accepts m/f, male/female, ч/ж). */
  sex?: string | null;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  birth_date?: string | null;
  birth_place?: string | null;
  last_known_place?: string | null;
  /** Current region (oblast, krai) or settlement where the child is held or placed. */
  current_location?: string | null;
  /** Institution the child was removed from or is placed in (a children's home, a school). */
  institution?: string | null;
  /** When the child was displaced or removed: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  displacement_date?: string | null;
}

export type Decision = 'match' | 'possible';

/** One line of the match-weight waterfall. */
export interface FieldEvidence {
  /**
   * A compared field ('given_name', 'family_name', 'patronymic', 'birth_date', 'sex', 'place'),
   * 'prior', or 'sibling' (offered because a sibling was found: MatchIndex.queryFamily).
   */
  field: string;
  /** The comparison level in plain words, e.g. "Russian or Ukrainian form of the same name". */
  level: string;
  /** Match weight in bits (log2 Bayes factor); 0 when a value is missing. */
  weight: number;
  /** The two values compared, for the side-by-side view. */
  values?: [string, string];
}

export interface Candidate {
  record_id: string;
  /** Calibrated probability that the two are the same child. */
  score: number;
  decision: Decision;
  /** Total match weight in bits, prior included. */
  weight: number;
  evidence: FieldEvidence[];
}
