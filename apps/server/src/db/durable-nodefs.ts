import { NodeFS } from '@electric-sql/pglite/nodefs';
import { fsyncSync } from 'node:fs';

/**
 * PGlite starts PostgreSQL with `-F` (fsync off), and Emscripten's NODEFS has no fsync
 * operation, so by default a commit reaches the OS page cache but is never forced to disk:
 * safe against kill -9, not against power loss. We turn fsync back on (see pgliteStartParams)
 * and give NODEFS a real fsync, so a commit is durable when PostgreSQL says it is.
 */
export class DurableNodeFS extends NodeFS {
  override async init(pg: Parameters<NodeFS['init']>[0], opts: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, opts);
    const emscriptenOpts = result.emscriptenOpts as { preRun?: Array<(mod: EmscriptenModule) => void> };
    emscriptenOpts.preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod) => {
        const ops = mod.NODEFS.stream_ops;
        ops.fsync = (stream) => {
          if (stream.nfd !== undefined) fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return result;
  }
}

interface EmscriptenModule {
  NODEFS: { stream_ops: { fsync?: (stream: { nfd?: number }) => number } };
}

/** PGlite's default start parameters without `-F`, so PostgreSQL issues fsync at every commit. */
export const pgliteStartParams = [
  '--single',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
  // Emscripten's fdatasync is a no-op; fsync reaches our stream op above.
  '-c',
  'wal_sync_method=fsync',
];
