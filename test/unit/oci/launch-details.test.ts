import { test } from "node:test";
import assert from "node:assert/strict";
import { buildLaunchDetails } from "../../../src/oci/launch-details.ts";

const required = {
  compartmentId: "ocid1.tenancy.oc1..t",
  availabilityDomain: "Uocm:EU-FRANKFURT-1-AD-2",
  imageId: "ocid1.image.oc1..img",
  subnetId: "ocid1.subnet.oc1..sub",
  sshPublicKey: "ssh-ed25519 AAAAC3Nza ops@oyster\n",
  ocpus: 3,
  memoryGb: 18,
};

test("builds the documented LaunchInstance body with the contract's defaults", () => {
  assert.deepEqual(buildLaunchDetails(required), {
    compartmentId: "ocid1.tenancy.oc1..t",
    availabilityDomain: "Uocm:EU-FRANKFURT-1-AD-2",
    shape: "VM.Standard.A1.Flex",
    shapeConfig: { ocpus: 3, memoryInGBs: 18 },
    displayName: "oyster-arm-1",
    sourceDetails: { sourceType: "image", imageId: "ocid1.image.oc1..img", bootVolumeSizeInGBs: 50 },
    createVnicDetails: { subnetId: "ocid1.subnet.oc1..sub", assignPublicIp: true },
    metadata: { ssh_authorized_keys: "ssh-ed25519 AAAAC3Nza ops@oyster" },
  });
});

test("OCPUs and memory come from the values given, never 4/24", () => {
  for (const [ocpus, memoryGb] of [[1, 6], [2, 12], [4, 24], [1.5, 9]] as const) {
    assert.deepEqual(buildLaunchDetails({ ...required, ocpus, memoryGb }).shapeConfig, { ocpus, memoryInGBs: memoryGb });
  }
});

test("every optional key overrides its default", () => {
  const d = buildLaunchDetails({
    ...required,
    shape: "VM.Standard.E2.1.Micro",
    displayName: "spare-arm",
    bootVolumeSizeGb: 100,
    assignPublicIp: false,
  });
  assert.equal(d.shape, "VM.Standard.E2.1.Micro");
  assert.equal(d.displayName, "spare-arm");
  assert.equal(d.sourceDetails.bootVolumeSizeInGBs, 100);
  assert.equal(d.createVnicDetails.assignPublicIp, false);
});

test("a key file with several keys keeps them one a line", () => {
  const d = buildLaunchDetails({ ...required, sshPublicKey: "\nssh-ed25519 AAAA one\nssh-rsa BBBB two\n\n" });
  assert.equal(d.metadata.ssh_authorized_keys, "ssh-ed25519 AAAA one\nssh-rsa BBBB two");
});
