import { z } from "zod";
import { bool, httpUrl, intAtLeast, localPath, positiveInt, stringList, text } from "../fields.ts";
import { expected } from "../messages.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";

function positiveNumber() {
  const what = "a positive number";
  return z.number({ error: expected(what) }).gt(0, { error: expected(what) });
}

/** oyster.json `oci`: the Oracle Cloud capacity grabber that replaces oci-arm-grab.sh. */
export function ociSection({ strict, home }: SchemaOptions) {
  const object = objectFor(strict);
  return object({
    // prefault (not default) so the default goes through `~` expansion like a written value.
    configFile: localPath(home).prefault("~/.oci/config"),
    profile: text().default("DEFAULT"),
    region: text("a region name").optional(),
    compartmentId: text("an OCID").optional(),
    // Absent means: discover them through the identity API at run time.
    availabilityDomains: stringList().optional(),
    imageId: text("an OCID").optional(),
    subnetId: text("an OCID").optional(),
    assignPublicIp: bool().default(true),
    sshPublicKeyFile: localPath(home).optional(),
    bootVolumeSizeGb: positiveInt().default(50),
    ocpus: positiveNumber().optional(),
    memoryGb: positiveNumber().optional(),
    shape: text("a shape name").default("VM.Standard.A1.Flex"),
    displayName: text().optional(),
    // Oracle throttles launch attempts; faster than every 30 s only earns 429s.
    intervalSeconds: intAtLeast(30).default(60),
    maxInstances: positiveInt().default(1),
    endpoints: object({ core: httpUrl().optional(), identity: httpUrl().optional() }).prefault({}),
    onSuccess: object({ joinFleet: bool().default(false) }).prefault({}),
    // The new node's login user; absent: `ubuntu` for an Ubuntu image, else `opc` (Oracle Linux).
    nodeUser: text("a user name").optional(),
  }).prefault({});
}
