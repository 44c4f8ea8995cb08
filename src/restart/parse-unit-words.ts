import { NAMES, type ArgProblem, type RestartFlags } from "./arg-shapes.ts";
import type { RestartArgs, UnitKind } from "./types.ts";

const TAKES: Record<UnitKind, string> = {
  daemon: "restart daemon takes <node> (or several nodes, --all or --tag <tag>)",
  watcher: "restart watcher takes <node> (or several nodes, --all or --tag <tag>)",
  service: "restart service takes <node> <unit> (or several nodes, --all or --tag <tag>, then the unit)",
};

function parallelOf(text: string | undefined, problems: ArgProblem[]): number {
  if (text === undefined) return 1;
  if (/^[1-9][0-9]{0,5}$/.test(text)) return Number(text);
  problems.push({ flag: "parallel", message: "how many nodes restart at once: a whole number, 1 or more" });
  return 1;
}

/**
 * daemon | watcher <node...> | --all | --tag T, and service <node...> | --all | --tag T <unit>
 * (the unit last, as it always was). One named node (and no --parallel above 1) keeps today's
 * shape, `{kind, node}`, which alert buttons and scripts already produce and the audit shows;
 * anything else is a roll. Naming nothing must never quietly mean every node.
 */
export function parseUnitWords(kind: UnitKind, rest: readonly string[], flags: RestartFlags): { args: RestartArgs } | { problems: ArgProblem[] } {
  const unit = kind === "service" ? rest.at(-1) : undefined;
  const named = kind === "service" ? rest.slice(0, -1) : [...rest];
  const tag = flags.tag;
  const selectors = [named.length > 0, flags.all === true, tag !== undefined].filter(Boolean).length;
  if (selectors === 0 || (kind === "service" && unit === undefined)) return { problems: [{ message: TAKES[kind] }] };
  if (selectors > 1) return { problems: [{ message: "name the nodes, or --all, or --tag <tag>: only one of them" }] };

  const problems: ArgProblem[] = [];
  named.forEach((word, i) => {
    if (!NAMES.node.re.test(word)) problems.push({ index: i + 1, message: NAMES.node.message });
  });
  if (unit !== undefined && !NAMES.unit.re.test(unit)) problems.push({ index: rest.length, message: NAMES.unit.message });
  if (tag !== undefined && tag.trim() === "") problems.push({ flag: "tag", message: "a tag from nodes.json" });
  const parallel = parallelOf(flags.parallel, problems);
  // Repeated names count once, as for install-daemon: a node is never restarted twice in one roll.
  const nodes = [...new Set(named)];
  if (nodes.length > 0 && parallel > nodes.length) {
    problems.push({ flag: "parallel", message: `${parallel} at once is more than the ${nodes.length} node${nodes.length === 1 ? "" : "s"} named` });
  }
  if (problems.length) return { problems };

  if (nodes.length === 1) {
    const node = nodes[0]!;
    return { args: kind === "service" ? { kind, node, unit: unit! } : { kind, node } };
  }
  return {
    args: {
      kind,
      nodes,
      ...(flags.all ? { all: true as const } : {}),
      ...(tag !== undefined ? { tag } : {}),
      ...(unit !== undefined ? { unit } : {}),
      parallel,
    },
  };
}
