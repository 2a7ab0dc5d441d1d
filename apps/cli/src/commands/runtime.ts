import { loadConfig, openRuntime, type Runtime } from '@homeward/server';

/** Opens the configured database for one command and always closes it (releasing the lock). */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(loadConfig());
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
