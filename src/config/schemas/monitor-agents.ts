import { z } from "zod";
import { listOf, matching, text } from "../fields.ts";
import { expected } from "../messages.ts";
import type { objectFor } from "../object-factory.ts";

type ObjectFactory = ReturnType<typeof objectFor>;
import { NODE_NAME_RE } from "./nodes-file.ts";

/** The coding agents whose subscription windows are read on the nodes, and where each reads from. */
export const AGENT_SOURCES = { codex: ["sessions", "app-server"], claude: ["statusline", "oauth"] } as const;
export type AgentProvider = keyof typeof AGENT_SOURCES;
export const AGENT_PROVIDERS = Object.keys(AGENT_SOURCES) as AgentProvider[];

/** The agent's own directory on the node when `dir` is not given (`~` is the node user's home). */
export const AGENT_DIRS: Record<AgentProvider, string> = { codex: "~/.codex", claude: "~/.claude" };

/** A path on a node, `{node}` allowed (nodes that share a home keep one dir each), like systemd.unitDir. */
const AGENT_DIR_RE = /^[A-Za-z0-9~/._@+{][A-Za-z0-9~/._@+{}-]*$/;
const LABEL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `monitor.agents[]`: a subscription account (`codex:<label>`, `claude:<label>`), the nodes whose
 * agents log in with it (by name or tag; neither means every node), where its windows are read
 * (`source`, per provider) and the agent's directory on the node.
 */
export function agentAccount(object: ObjectFactory) {
  return object({
    provider: z.enum(AGENT_PROVIDERS as [AgentProvider, ...AgentProvider[]], { error: expected('"codex" or "claude"') }),
    label: matching(LABEL_RE, "a label (letters, digits, . _ -)"),
    nodes: listOf(matching(NODE_NAME_RE, "a node name"), "a list of node names").default([]),
    tags: listOf(text("a tag"), "a list of tags").default([]),
    source: text("a source").optional(),
    dir: matching(AGENT_DIR_RE, "a path on the node ({node} allowed)").optional(),
  })
    .superRefine((a, ctx) => {
      const sources: readonly string[] = AGENT_SOURCES[a.provider];
      if (a.source !== undefined && !sources.includes(a.source)) {
        ctx.addIssue({ code: "custom", path: ["source"], message: expected(`a ${a.provider} source: ${sources.join(" or ")}`)({ input: a.source }) });
      }
      if (a.dir !== undefined && a.dir.replaceAll("{node}", "").match(/[{}]/)) {
        ctx.addIssue({ code: "custom", path: ["dir"], message: `only {node} may stand in ${JSON.stringify(a.dir)}` });
      }
    })
    .transform((a) => ({ ...a, source: a.source ?? AGENT_SOURCES[a.provider][0], dir: a.dir ?? AGENT_DIRS[a.provider] }));
}

/** Each `provider:label` once: two entries for one account would read it twice and fight over its nodes. */
export function agentAccounts(object: ObjectFactory) {
  return listOf(agentAccount(object), "a list of {provider, label, nodes?, tags?, source?, dir?}")
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        const key = `${a.provider}:${a.label}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "label"], message: `${key} is listed twice` });
        seen.add(key);
      });
    })
    .default([]);
}
