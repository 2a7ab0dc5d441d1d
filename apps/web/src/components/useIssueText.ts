import { issueKey } from '../api/errors.ts';
import { useLang } from '../i18n/useLang.ts';

/** The words for a field's issue (a Zod or API message), or undefined when it has none. */
export function useIssueText(issues: Record<string, string>) {
  const { t } = useLang();
  return (path: string): string | undefined => {
    const message = issues[path];
    if (!message) return undefined;
    const k = issueKey(message);
    return t(k.key, k.values);
  };
}
