/** True when `path` or one of its parents is in the server's `withheld` list. */
export function isWithheld(withheld: readonly string[] | undefined, path: string): boolean {
  return (withheld ?? []).some((w) => w === path || path.startsWith(`${w}.`));
}
