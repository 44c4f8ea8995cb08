import { z } from "zod";
import { NODE_NAME_MAX, nodeName } from "../command/arg-schemas.ts";
import type { OptionSpec } from "../command/types.ts";

export interface AddArgs {
  action: "add";
  name: string;
  host?: string;
  port?: number;
  user?: string;
  dispatchDir?: string;
  tags?: string[];
  /** `SHA256:...`: the host key the node must present (checked on its console by whoever runs this). */
  fingerprint?: string;
}

export type NodesArgs =
  | { action: "list" }
  | AddArgs
  | { action: "remove"; name: string }
  | { action: "drain"; name: string; reason?: string }
  | { action: "undrain"; name: string };

export const NODES_USAGE =
  "nodes [add <name> [--host H] [--port P] [--user U] [--dispatch-dir D] [--tags a,b] [--fingerprint SHA256:...] | remove <name> | drain <name> [--reason R] | undrain <name>] [--json]";

export const NODES_OPTIONS: Record<string, OptionSpec> = {
  host: { type: "string", description: "add: the address (default: the SSH config's HostName, else the name)" },
  port: { type: "string", description: "add: the SSH port (default: the SSH config's, else 22)" },
  user: { type: "string", description: "add: the login user (default: the SSH config's, else yours)" },
  "dispatch-dir": { type: "string", value: "path", description: "add: the node's dispatch dir (default ~/dispatch)" },
  tags: { type: "string", description: "add: tags, comma-separated" },
  fingerprint: { type: "string", description: "add: the host key's SHA256 fingerprint as the node's console shows it" },
  reason: { type: "string", value: "text", description: "drain: why (shown in status and the report)" },
};

// Values that end up in nodes.json, a TCP connect and printed commands: plain characters only,
// never a leading `-`. IPv6 addresses keep their colons.
const HOST_RE = /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/;
const USER_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const DIR_RE = /^[A-Za-z0-9~/._@+][A-Za-z0-9~/._@+-]*$/;
const TAG_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** As `ssh-keygen -lf` prints it: 32 bytes of SHA-256 in base64 without padding. */
export const FINGERPRINT_RE = /^SHA256:[A-Za-z0-9+/]{43}$/;

const SUBS = ["add", "remove", "drain", "undrain"] as const;
const ADD_ONLY = ["host", "port", "user", "dispatch-dir", "tags", "fingerprint"] as const;

export const nodesSchema = z
  .object({
    _: z.array(z.string()),
    host: z.string().regex(HOST_RE, { message: "a host name or IP address" }).optional(),
    port: z.string().regex(/^\d{1,5}$/, { message: "a port number (1-65535)" }).transform(Number).refine((p) => p >= 1 && p <= 65535, { message: "a port number (1-65535)" }).optional(),
    user: z.string().regex(USER_RE, { message: "a user name (letters, digits, . _ -)" }).optional(),
    // `..` is refused: a dispatch dir is named plainly, never by climbing out of another one.
    "dispatch-dir": z.string().regex(DIR_RE, { message: "a path (letters, digits, ~ / . _ @ + -)" }).refine((d) => !d.split("/").includes(".."), { message: "a path without .. segments: name the directory itself" }).optional(),
    tags: z.string().optional(),
    fingerprint: z.string().regex(FINGERPRINT_RE, { message: "a host key fingerprint like SHA256:<43 base64 characters>, as ssh-keygen -lf prints it" }).optional(),
    reason: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const [sub, ...rest] = a._;
    if (sub === undefined) {
      for (const f of [...ADD_ONLY, "reason"] as const) if (a[f] !== undefined) ctx.addIssue({ code: "custom", path: [f], message: "goes with a subcommand (add, drain)" });
      return;
    }
    if (!(SUBS as readonly string[]).includes(sub)) {
      ctx.addIssue({ code: "custom", path: ["_", 0], message: `not a subcommand; one of ${SUBS.join(", ")} (or none, to list the nodes)` });
      return;
    }
    if (rest.length !== 1) ctx.addIssue({ code: "custom", path: ["_"], message: `\`nodes ${sub}\` takes one node name` });
    else if (!nodeName.safeParse(rest[0]).success) {
      const what = rest[0]!.length > NODE_NAME_MAX ? `at most ${NODE_NAME_MAX} characters` : "letters, digits, . _ -, not starting with . _ -";
      ctx.addIssue({ code: "custom", path: ["_", 1], message: `not a valid node name (${what})` });
    }
    if (sub !== "add") for (const f of ADD_ONLY) if (a[f] !== undefined) ctx.addIssue({ code: "custom", path: [f], message: "goes with `nodes add`" });
    if (sub !== "drain" && a.reason !== undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "goes with `nodes drain`" });
    if (a.tags !== undefined && !tagList(a.tags).every((t) => TAG_RE.test(t))) ctx.addIssue({ code: "custom", path: ["tags"], message: "comma-separated tags (letters, digits, . _ : -)" });
  })
  .transform((a): NodesArgs => {
    const [sub, name] = a._ as [NodesArgs["action"] | undefined, string];
    if (sub === undefined) return { action: "list" };
    if (sub === "drain") return { action: "drain", name, ...(a.reason ? { reason: a.reason } : {}) };
    if (sub !== "add") return { action: sub as "remove" | "undrain", name };
    return {
      action: "add",
      name,
      ...(a.host !== undefined ? { host: a.host } : {}),
      ...(a.port !== undefined ? { port: a.port } : {}),
      ...(a.user !== undefined ? { user: a.user } : {}),
      ...(a["dispatch-dir"] !== undefined ? { dispatchDir: a["dispatch-dir"] } : {}),
      ...(a.tags !== undefined ? { tags: [...new Set(tagList(a.tags))] } : {}),
      ...(a.fingerprint !== undefined ? { fingerprint: a.fingerprint } : {}),
    };
  });

function tagList(text: string): string[] {
  return text.split(",").map((t) => t.trim()).filter((t) => t !== "");
}
