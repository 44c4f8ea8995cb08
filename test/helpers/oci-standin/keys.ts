import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

export interface TestKeys {
  privatePem: string;
  publicKey: KeyObject;
}

/** A fresh RSA API key pair as `openssl genrsa` makes it (PKCS#1 PEM, encrypted when asked). */
export function rsaKeys(passphrase?: string): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: passphrase
      ? { type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase }
      : { type: "pkcs1", format: "pem" },
  });
  return { privatePem: privateKey, publicKey: createPublicKey(publicKey) };
}
