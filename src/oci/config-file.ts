import { readFile as fsReadFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, resolve } from "node:path";
import type { KeyObject } from "node:crypto";
import { ConfigError, OysterError } from "../errors.ts";
import { expandHome } from "../config/expand-home.ts";
import { parseIni } from "./parse-ini.ts";
import { loadPrivateKey } from "./private-key.ts";

/** One profile of the OCI CLI config file, with its signing key parsed. */
export interface OciProfile {
  file: string;
  profile: string;
  user: string;
  fingerprint: string;
  tenancy: string;
  /** Absent when the profile has none: `oci.region` may supply it. */
  region?: string;
  keyFile: string;
  /** Parsed with the profile's pass_phrase; the PEM text and passphrase are not kept. */
  privateKey: KeyObject;
}

export interface ReadOciConfigOptions {
  file: string;
  profile?: string;
  home?: string;
  readFile?: (path: string) => Promise<string>;
}

const REQUIRED = ["user", "fingerprint", "tenancy", "key_file"] as const;

export async function readOciConfig({
  file: rawFile,
  profile = "DEFAULT",
  home = homedir(),
  readFile = (path) => fsReadFile(path, "utf8"),
}: ReadOciConfigOptions): Promise<OciProfile> {
  const file = expandHome(rawFile, home);
  const text = await readOrExplain(readFile, file, (why) =>
    why === "missing"
      ? new OysterError("NotConfigured", `OCI config file ${file} not found`, { file })
      : new ConfigError([`${file}: ${why}`]),
  );

  const parsed = parseIni(text);
  if (!parsed.ok) throw new ConfigError(parsed.problems.map((p) => `${file}: ${p}`));

  const own = parsed.profiles.get(profile);
  if (!own) {
    throw new OysterError("NotConfigured", `OCI config file ${file} has no profile [${profile}]`, { file, profile });
  }
  // As the OCI CLI and SDKs do: a key missing from the profile is taken from [DEFAULT].
  const values = new Map([...(parsed.profiles.get("DEFAULT") ?? []), ...own]);
  const value = (key: string) => values.get(key) || undefined;

  const missing = REQUIRED.filter((key) => value(key) === undefined);
  if (missing.length > 0) {
    throw new OysterError(
      "NotConfigured",
      `OCI config file ${file}, profile [${profile}]: missing ${missing.join(", ")}`,
      { file, profile, missing },
    );
  }

  // Relative to the config file, not to wherever the bot was started.
  const keyFile = resolve(dirname(file), expandHome(value("key_file")!, home));
  const pem = await readOrExplain(
    readFile,
    keyFile,
    (why) => new ConfigError([`${file}: profile [${profile}]: key_file ${keyFile}: ${why === "missing" ? "not found" : why}`]),
  );

  return {
    file,
    profile,
    user: value("user")!,
    fingerprint: value("fingerprint")!,
    tenancy: value("tenancy")!,
    ...(value("region") ? { region: value("region") } : {}),
    keyFile,
    privateKey: loadPrivateKey(pem, keyFile, value("pass_phrase")),
  };
}

async function readOrExplain(
  readFile: (path: string) => Promise<string>,
  path: string,
  explain: (why: string) => Error,
): Promise<string> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT") throw explain("missing");
    if (code === "EACCES" || code === "EPERM") throw explain("not readable (permission denied)");
    if (code === "EISDIR") throw explain("is a directory");
    throw explain(`cannot be read (${code ?? "error"})`);
  }
}
