import { useQueryClient } from '@tanstack/react-query';
import type { ReunificationView } from '../../../api/client.ts';

/** After a change: the view the API answered, and the case (whose status the plan may move). */
export function useViewUpdate(caseId: string) {
  const qc = useQueryClient();
  return async (view: ReunificationView) => {
    qc.setQueryData(['cases', 'reunification', caseId], view);
    await qc.invalidateQueries({ queryKey: ['cases', 'one', caseId] });
    void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
  };
}
