import { ROLE_RANK, type AnyCommand, type Role, type RoleForm } from "./types.ts";

/** The role these (parsed) arguments need: what `prepare` checks before anything else runs. */
export function requiredRole(cmd: AnyCommand, args: unknown): Role {
  return typeof cmd.role === "string" ? cmd.role : cmd.role.of(args);
}

/** The least role that runs some form of the command: what `help` shows and lists a caller by. */
export function leastRole(cmd: AnyCommand): Role {
  if (typeof cmd.role === "string") return cmd.role;
  return cmd.role.forms.map((f) => f.role).reduce((a, b) => (ROLE_RANK[b] < ROLE_RANK[a] ? b : a), "admin");
}

/** The forms that need more than the least role (`report --send`: operator), for `help` to mark. */
export function strongerForms(cmd: AnyCommand): Array<Pick<RoleForm, "form" | "role">> {
  if (typeof cmd.role === "string") return [];
  const least = ROLE_RANK[leastRole(cmd)];
  return cmd.role.forms.filter((f) => ROLE_RANK[f.role] > least).map(({ form, role }) => ({ form, role }));
}

export function mayRun(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}
