/** The CLI's exit codes (design.md, "The contract outside tools rely on"), as `help <command>` lists them. */
export const EXIT_CODES: ReadonlyArray<{ code: number; meaning: string }> = [
  { code: 0, meaning: "ok" },
  { code: 1, meaning: "something checked is unhealthy, or an operation failed or was refused by a safety guard (busy, running tasks, low disk)" },
  { code: 2, meaning: "usage or config error, including an unknown or malformed name and any argument that fails validation" },
  { code: 3, meaning: "not allowed, not confirmed, or cancelled" },
];
