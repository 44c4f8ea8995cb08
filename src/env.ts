import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { ConfigError } from "./errors.ts";

export interface EnvOptions {
  configDir: string;
  dataDir: string;
  logLevel?: string;
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string };
  smtpUrl?: string;
}

/**
 * Loads `.env` when there is one (a fresh clone has none). Variables already set in the
 * environment win, as with dotenv.
 */
export function loadDotEnv(path = ".env", env: NodeJS.ProcessEnv = process.env): boolean {
  if (!existsSync(path)) return false;
  const parsed = parseEnv(readFileSync(path, "utf8")) as Record<string, string>;
  for (const [k, v] of Object.entries(parsed)) if (env[k] === undefined) env[k] = v;
  return true;
}

export function readEnvOptions(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): EnvOptions {
  const opt = (name: string) => (env[name] ? env[name] : undefined);
  return {
    configDir: resolve(cwd, env.OYSTER_CONFIG_DIR || "./config"),
    dataDir: resolve(cwd, env.OYSTER_DATA_DIR || "./data"),
    ...(opt("LOG_LEVEL") ? { logLevel: opt("LOG_LEVEL") } : {}),
    slack: {
      botToken: opt("SLACK_BOT_TOKEN"),
      appToken: opt("SLACK_APP_TOKEN"),
      signingSecret: opt("SLACK_SIGNING_SECRET"),
      apiUrl: opt("SLACK_API_URL"),
    },
    ...(opt("SMTP_URL") ? { smtpUrl: opt("SMTP_URL") } : {}),
  };
}

export type SlackSetup =
  | { enabled: false }
  | { enabled: true; mode: "socket"; botToken: string; appToken: string; apiUrl?: string }
  | { enabled: true; mode: "http"; botToken: string; signingSecret: string; apiUrl?: string };

/**
 * Slack is off when none of its credentials are set (SLACK_API_URL alone does not count); a
 * partial set for the chosen mode is a config error naming what is missing.
 */
export function slackSetup(slack: EnvOptions["slack"], mode: "socket" | "http"): SlackSetup {
  const { botToken, appToken, signingSecret, apiUrl } = slack;
  if (!botToken && !appToken && !signingSecret) return { enabled: false };
  const needed = mode === "socket" ? { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken } : { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret };
  const missing = Object.entries(needed).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((name) => `environment: ${name}: required for slack.mode ${mode} (some Slack variables are set, so Slack is meant to be on)`));
  }
  const base = apiUrl ? { apiUrl } : {};
  return mode === "socket"
    ? { enabled: true, mode, botToken: botToken as string, appToken: appToken as string, ...base }
    : { enabled: true, mode, botToken: botToken as string, signingSecret: signingSecret as string, ...base };
}
