import type { CreatedExport, CreateExportInput, ExportSummary } from '@homeward/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

// Controlled exports (docs/EXPORTS.md): the caller's own exports, and making one.

export const exportsKey = ['exports', 'mine'] as const;

/** Makes an export; the answer carries the passphrase once (passphrase mode) and never again. */
export function createExport(input: CreateExportInput): Promise<CreatedExport> {
  return api.request<CreatedExport>('POST', '/exports', input);
}

export function listExports(limit = 50): Promise<{ items: ExportSummary[] }> {
  return api.request('GET', `/exports?limit=${limit}`);
}

/** The encrypted file: a plain link (same-origin GET with the session cookie), so the browser downloads it itself. */
export const exportFileUrl = (id: string) => `/api/v1/exports/${encodeURIComponent(id)}/file`;

export function useMyExports() {
  return useQuery({ queryKey: exportsKey, queryFn: () => listExports() });
}
