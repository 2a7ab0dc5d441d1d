import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { yieldingToEventLoop } from './database.ts';

// Embedded PGlite answers in promise callbacks: a long job's run of statements kept the whole
// server (HTTP requests, SIGTERM, job schedules and heartbeats) waiting until the job ended.
describe('PGlite behind the node-postgres adapter', () => {
  /** Sends statements for `ms`; says whether a callback queued on the event loop got to run meanwhile. */
  async function eventLoopRan(target: Pick<PGlite, 'execProtocolStream'>, ms: number): Promise<boolean> {
    let ran = false;
    setImmediate(() => (ran = true));
    const started = performance.now();
    while (!ran && performance.now() - started < ms) await target.execProtocolStream(new Uint8Array(), {});
    return ran;
  }

  it('gives the event loop a turn during a long run of statements', async () => {
    // A stand-in that answers at once, in a promise callback, as PGlite does.
    const answering = { waitReady: Promise.resolve(), execProtocolStream: async () => [] } as unknown as PGlite;
    expect(await eventLoopRan(answering, 50), 'the bare stand-in starves the event loop').toBe(false);
    expect(await eventLoopRan(yieldingToEventLoop(answering), 50)).toBe(true);
  });
});
