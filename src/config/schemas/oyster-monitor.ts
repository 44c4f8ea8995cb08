import { z } from "zod";
import { ENV_NAME_RE, listOf, matching, originUrl, positiveInt, text } from "../fields.ts";
import { expected } from "../messages.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";
import { agentAccounts } from "./monitor-agents.ts";
import { NODE_NAME_RE } from "./nodes-file.ts";

const PERCENT = "a percentage greater than 0 and at most 100";
/** `[warning, critical]`: the alerts read the first as the warning level and the second as critical. */
const LEVELS = "[warning, critical]: one or two used % levels, the second above the first";
/** `monitor.pauseNodes[].account`: `provider:label`, as `quota` and the alerts name an account (API or agent plan). */
const ACCOUNT_RE = /^(anthropic|openai|zai|minimax|codex|claude):.+$/;

/** oyster.json `monitor`: provider accounts name env variables, never the keys themselves. */
export function monitorSection({ strict }: SchemaOptions) {
  const object = objectFor(strict);
  const account = object({
    label: text("an account label"),
    keyEnv: matching(ENV_NAME_RE, "an environment variable name"),
    // An origin: the adapters append full paths (`/api/monitor/usage/quota/limit`), see originUrl.
    baseUrl: originUrl().optional(),
    probeModel: text("a model name").optional(),
    adminKeyEnv: matching(ENV_NAME_RE, "an environment variable name").optional(),
  });
  const accounts = () => listOf(account, "a list of accounts").optional();
  const percent = z.number({ error: expected(PERCENT) }).gt(0, { error: expected(PERCENT) }).max(100, { error: expected(PERCENT) });
  return object({
    providers: object({
      anthropic: accounts(),
      openai: accounts(),
      zai: accounts(),
      minimax: accounts(),
    }).prefault({}),
    thresholds: listOf(percent, "a list of percentages")
      .refine((t) => t.length >= 1 && t.length <= 2 && (t.length < 2 || t[1]! > t[0]!), { error: expected(LEVELS) })
      .default([80, 95]),
    timeoutMs: positiveInt().default(10_000),
    keepDays: positiveInt().default(14),
    agents: agentAccounts(object),
    agentStaleHours: z.number({ error: expected("a number of hours greater than 0") }).gt(0, { error: expected("a number of hours greater than 0") }).default(6),
    pauseNodes: listOf(
      object({
        account: matching(ACCOUNT_RE, "an account as provider:label (anthropic, openai, zai, minimax, codex or claude)"),
        nodes: listOf(matching(NODE_NAME_RE, "a node name"), "a list of node names").default([]),
        tags: listOf(text("a tag"), "a list of tags").default([]),
      }).refine((e) => e.nodes.length + e.tags.length > 0, { error: expected("nodes or tags naming at least one node"), path: ["nodes"] }),
      "a list of {account, nodes?, tags?}",
    ).default([]),
  }).prefault({});
}
