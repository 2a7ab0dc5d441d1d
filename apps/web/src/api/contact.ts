/** Contact calls that client.ts does not make: the case's emergency suspension of contact. */
import type { contactSuspensionView } from '@homeward/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client.ts';

export type ContactSuspensionView = z.infer<typeof contactSuspensionView>;
export type ContactSuspension = NonNullable<ContactSuspensionView['active']>;

export function getContactSuspension(caseId: string): Promise<ContactSuspensionView> {
  return api.request('GET', `/cases/${encodeURIComponent(caseId)}/contact-suspension`);
}

/** Under the case's contact key, so that refreshing contact refreshes the suspension too. */
export function useContactSuspension(caseId: string) {
  return useQuery({
    queryKey: ['cases', 'contact', caseId, 'suspension'],
    queryFn: () => getContactSuspension(caseId),
  });
}
