import { describe, expect, it } from "vitest";
import { SettingsRepository } from "@/lib/store/settings";
import { tempDatabase } from "@/lib/store/testing";
import { HOST_KEY_SETTING, loadHostKey } from "./host-key";

const temp = tempDatabase();
const settings = new SettingsRepository(temp.prisma);

// A key as ssh2's own generator writes about one time in 250: its public key is 31 bytes long, and
// no parser (ssh2's included) reads it back.
const UNREADABLE = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMgAAAAtz
c2gtZWQyNTUxOQAAAB8thM5I/z3jYhUFhPx6+bIQzR8B6CEAAJvYlHgaeXpuAAAA
mKnfdPup33T7AAAAC3NzaC1lZDI1NTE5AAAAHy2Ezkj/PeNiFQWE/Hr5shDNHwHo
IQAAm9iUeBp5em4AAAA/+PR/zxchy3+znGa0YsHwlq3DHQZzrCUt092DT38So9ct
hM5I/z3jYhUFhPx6+bIQzR8B6CEAAJvYlHgaeXpuAAAAEWJhcmlzdGEtc2ltdWxh
dG9yAQIDBAUG
-----END OPENSSH PRIVATE KEY-----
`;

/** A store of its own per call, so each load makes a new key. */
function freshStore() {
  const values = new Map<string, string>();
  return {
    get: async (k: string) => values.get(k) ?? null,
    setIfAbsent: async (k: string, v: string) => {
      if (!values.has(k)) values.set(k, v);
      return values.get(k)!;
    },
    takeIf: async (k: string, v: string) => values.get(k) === v && values.delete(k),
  };
}

describe("the simulator's SSH host key", () => {
  it("is always one the SSH server can read: 2,000 new keys in a row", async () => {
    const fingerprints = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const key = await loadHostKey(freshStore());
      expect(key.parsed.type).toBe("ssh-ed25519");
      fingerprints.add(key.parsed.getPublicSSH().toString("base64"));
    }
    expect(fingerprints.size).toBe(2_000);
  });

  it("is made once and kept in the settings table", async () => {
    const first = await loadHostKey(settings);
    expect(await settings.get(HOST_KEY_SETTING)).toBe(first.text);
    expect((await loadHostKey(settings)).text).toBe(first.text);
  });

  it("replaces a stored key that cannot be read, and servers starting at once agree on the new one", async () => {
    await temp.prisma.setting.upsert({ where: { key: HOST_KEY_SETTING }, create: { key: HOST_KEY_SETTING, value: UNREADABLE }, update: { value: UNREADABLE } });
    const [a, b, c] = await Promise.all([loadHostKey(settings), loadHostKey(settings), loadHostKey(settings)]);
    expect(a.text).not.toBe(UNREADABLE);
    expect(b.text).toBe(a.text);
    expect(c.text).toBe(a.text);
    expect(await settings.get(HOST_KEY_SETTING)).toBe(a.text);
  });
});
