import { describe, expect, it } from "vitest";
import { fingerprintSecrets, openSecrets, randomVaultKey, resealSecrets, sealSecrets, VaultError } from "./cipher.mjs";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const secrets = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET };

/** Flips one bit of one base64 part of a sealed ciphertext (1 = IV, 2 = body, 3 = tag). */
function flip(ciphertext: string, part: number): string {
  const parts = ciphertext.split(".");
  const bytes = Buffer.from(parts[part], "base64");
  bytes[0] ^= 1;
  parts[part] = bytes.toString("base64");
  return parts.join(".");
}

function reason(fn: () => unknown): { reason: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof VaultError) return { reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error("expected a VaultError");
}

describe("the vault's cipher", () => {
  const key = randomVaultKey();

  it("opens what it sealed, and the ciphertext holds no secret in any encoding", () => {
    const sealed = sealSecrets(key, "aws-prod", secrets);
    expect(openSecrets(key, "aws-prod", sealed)).toEqual(secrets);
    expect(sealed.keyId).toBe(key.id);
    expect(sealed.ciphertext).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    for (const form of [SECRET, Buffer.from(SECRET).toString("base64"), Buffer.from(SECRET).toString("hex")]) expect(sealed.ciphertext).not.toContain(form);
  });

  it("uses a fresh IV every time: the same secrets seal to different ciphertexts", () => {
    const a = sealSecrets(key, "aws-prod", secrets).ciphertext;
    const b = sealSecrets(key, "aws-prod", secrets).ciphertext;
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(a).not.toBe(b);
  });

  it("names a wrong key as such, with both key ids and what to set, instead of returning garbage", () => {
    const other = randomVaultKey();
    const sealed = sealSecrets(key, "aws-prod", secrets);
    const e = reason(() => openSecrets(other, "aws-prod", sealed));
    expect(e.reason).toBe("WrongKey");
    expect(e.message).toContain("the vault was written with another key; set BARISTA_SECRET_KEY to the key it was written with");
    expect(e.message).toContain(key.id);
    expect(e.message).toContain(other.id);
  });

  it("refuses a ciphertext whose key id was forged to match: GCM's tag fails", () => {
    const other = randomVaultKey();
    const sealed = sealSecrets(key, "aws-prod", secrets);
    expect(reason(() => openSecrets(other, "aws-prod", { ...sealed, keyId: other.id })).reason).toBe("Tampered");
  });

  it("detects an altered IV, body or tag, and a ciphertext that is not one", () => {
    const sealed = sealSecrets(key, "aws-prod", secrets);
    for (const part of [1, 2, 3]) {
      const e = reason(() => openSecrets(key, "aws-prod", { ...sealed, ciphertext: flip(sealed.ciphertext, part) }));
      expect(e.reason).toBe("Tampered");
      expect(e.message).toBe('credential "aws-prod" cannot be opened: its ciphertext was altered or belongs to another credential; delete it and add it again, or restore the database from a backup');
    }
    expect(reason(() => openSecrets(key, "aws-prod", { ...sealed, ciphertext: "v1.abc" })).reason).toBe("Tampered");
  });

  it("binds a ciphertext to its credential's name: moved to another credential it does not open", () => {
    const sealed = sealSecrets(key, "aws-prod", secrets);
    expect(reason(() => openSecrets(key, "aws-dev", sealed)).reason).toBe("Tampered");
  });

  it("fingerprints equal secrets alike under one key, differently under another, and hides them", () => {
    const fp = fingerprintSecrets(key, secrets);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    // Key order does not matter: the same secrets written in another order are the same secrets.
    expect(fingerprintSecrets(key, { secretAccessKey: SECRET, accessKeyId: secrets.accessKeyId })).toBe(fp);
    expect(fingerprintSecrets(key, { ...secrets, secretAccessKey: `${SECRET}x` })).not.toBe(fp);
    expect(fingerprintSecrets(randomVaultKey(), secrets)).not.toBe(fp);
  });

  it("reseals under a new key: the new key opens it, the old one no longer does", () => {
    const next = randomVaultKey();
    const resealed = resealSecrets(key, next, "aws-prod", sealSecrets(key, "aws-prod", secrets));
    expect(openSecrets(next, "aws-prod", resealed)).toEqual(secrets);
    expect(reason(() => openSecrets(key, "aws-prod", resealed)).reason).toBe("WrongKey");
    expect(resealed.fingerprint).toBe(fingerprintSecrets(next, secrets));
  });
});
