/** The form that records a contact, and its check with the API's schema (contactRecordInput). */
import { contactRecordInput, type ContactRecordInput } from '@homeward/contracts';
import { check, type Checked } from '../../../components/validation.ts';
import { localInputToIso } from '../reunification/reunification.ts';

export type Outcome = ContactRecordInput['outcome'];
export const outcomes: readonly Outcome[] = ['held', 'missed', 'cancelled'];

/** While contact is suspended in an emergency, a contact cannot be recorded as held. */
export const outcomesWhile = (suspended: boolean): readonly Outcome[] =>
  suspended ? outcomes.filter((o) => o !== 'held') : outcomes;

export type RecordForm = {
  outcome: Outcome;
  /** `datetime-local` value, local time. */
  heldAt: string;
  duration: number | string;
  reason: string;
  notes: string;
  wellbeing: string;
};

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/**
 * The body the form describes, checked: a held contact has its time and duration, a missed or
 * cancelled one its reason; a cancelled one says nothing of the child's wellbeing.
 */
export function checkRecord(f: RecordForm): Checked<ContactRecordInput> {
  const notes = opt(f.notes);
  const wellbeing = f.outcome === 'cancelled' ? undefined : opt(f.wellbeing);
  const body =
    f.outcome === 'held'
      ? {
          outcome: f.outcome,
          durationMinutes: f.duration === '' ? undefined : Number(f.duration),
          heldAt: localInputToIso(f.heldAt) ?? undefined,
          notes,
          wellbeing,
        }
      : { outcome: f.outcome, reason: f.reason, notes, wellbeing };
  return check(contactRecordInput, body);
}
