import type { Config } from "../config/index.ts";
import { CONFIG_FILES } from "../config/index.ts";
import { formatPath } from "../config/format-issues.ts";

export interface ConfiguredUrl {
  /** Where it was written (`oyster.json heartbeat.url`, `SLACK_API_URL`): names only, for warnings. */
  key: string;
  url: string;
}

/** A URL inside any string: a command line (`curl https://...?token=...`) can hold one too. */
const URL_IN_TEXT_RE = /https?:\/\/[^\s"'<>`]+/gi;

/** Every URL in every string of `value`, at any depth, named by its path. */
function urlsIn(file: string, value: unknown, path: PropertyKey[] = []): ConfiguredUrl[] {
  if (typeof value === "string") {
    return [...value.matchAll(URL_IN_TEXT_RE)].map((m) => ({ key: `${file} ${formatPath(path)}`, url: m[0] }));
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => urlsIn(file, item, [...path, i]));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, inner]) => urlsIn(file, inner, [...path, k]));
}

/**
 * Every URL the config files and Oyster's own URL variables hold: `heartbeat.url`,
 * `oci.endpoints.*`, provider `baseUrl`s, and any URL anywhere else (a project's pass-through key,
 * a dispatch command), so a key added later is covered without a list to keep. `SMTP_URL` is not
 * here: the whole of it is a secret already (src/secrets/collect-secrets.ts).
 */
export function configuredUrls(env: NodeJS.ProcessEnv, config?: Config): ConfiguredUrl[] {
  const urls: ConfiguredUrl[] = [];
  if (env.SLACK_API_URL) urls.push({ key: "SLACK_API_URL", url: env.SLACK_API_URL });
  if (!config) return urls;
  return [
    ...urls,
    ...urlsIn(CONFIG_FILES.oyster, config.oyster),
    ...urlsIn(CONFIG_FILES.nodes, config.nodes, ["nodes"]),
    ...urlsIn(CONFIG_FILES.projects, config.projects, ["projects"]),
  ];
}
