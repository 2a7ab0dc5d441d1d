export { loadConfig, type Config } from './config.ts';
export { openRuntime, serve, buildServer, type Runtime } from './runtime.ts';
export { AppError } from './errors.ts';
export { systemClock, fixedClock, type Clock } from './clock.ts';
export { systemActor, type Actor } from './modules/auth/actor.ts';
