import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compiledEntryPath } from "../../../src/startup/compiled-entry.ts";
import { rsaKeys, type TestKeys } from "../../helpers/oci-standin/keys.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

export const PASSPHRASE = "oci-key-passphrase-0451";
export const COMPARTMENT = "ocid1.tenancy.oc1..grabtest";

export interface GrabSetup {
  dir: string;
  env: NodeJS.ProcessEnv;
  configDir: string;
  dataDir: string;
  keys: TestKeys;
  writeOyster(extra: Record<string, unknown>): void;
}

/**
 * A config dir with an OCI section pointing at `apiUrl` (the fake Core + Identity API), an OCI
 * config file whose key is encrypted (pass_phrase), and an SSH public key to hand the instance.
 */
export function grabSetup(apiUrl: string | undefined, oci: Record<string, unknown> = {}, oyster: Record<string, unknown> = {}, keys: TestKeys = rsaKeys(PASSPHRASE)): GrabSetup {
  const dir = tmpDir("oyster-grab-it-");
  const configDir = join(dir, "config");
  const dataDir = join(dir, "data");
  mkdirSync(configDir);
  mkdirSync(join(dir, ".oci"));
  writeFileSync(join(dir, ".oci", "oci_api_key.pem"), keys.privatePem, { mode: 0o600 });
  writeFileSync(
    join(dir, ".oci", "config"),
    ["[DEFAULT]", "user=ocid1.user.oc1..grabber", "fingerprint=2e:c0:aa:bb", `tenancy=${COMPARTMENT}`, "region=eu-frankfurt-1", "key_file=~/.oci/oci_api_key.pem", `pass_phrase=${PASSPHRASE}`, ""].join("\n"),
    { mode: 0o600 },
  );
  writeFileSync(join(dir, "id_ed25519.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGrabTestKey grab@oyster\n");
  const writeOyster = (extra: Record<string, unknown>) =>
    writeFileSync(
      join(configDir, "oyster.json"),
      JSON.stringify({
        ...oyster,
        ...extra,
        oci: {
          compartmentId: COMPARTMENT,
          imageId: "ocid1.image.oc1..img",
          subnetId: "ocid1.subnet.oc1..sub",
          sshPublicKeyFile: "~/id_ed25519.pub",
          ocpus: 2,
          memoryGb: 12,
          intervalSeconds: 30,
          ...(apiUrl ? { endpoints: { core: apiUrl, identity: apiUrl } } : {}),
          ...oci,
        },
      }),
    );
  writeOyster({});
  const env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir, USER: "tester" };
  return { dir, env, configDir, dataDir, keys, writeOyster };
}

export interface BotProcess {
  child: ChildProcess;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The compiled bot (`node dist/main.js`), as the service runs it. */
export async function startBot(env: NodeJS.ProcessEnv, cwd: string): Promise<BotProcess> {
  const child = spawn(process.execPath, [compiledEntryPath("main")], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  await waitUntil(() => stderr.includes("oyster running") || (child.exitCode !== null && new Error(stderr)), "the bot to start", 20_000).then((v) => {
    if (v instanceof Error) throw v;
  });
  return {
    child,
    stderr: () => stderr,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
