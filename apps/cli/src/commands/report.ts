import type { Command } from 'commander';

// Placeholder: filled in by the module that owns it.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function registerReportCommands(program: Command) {}
