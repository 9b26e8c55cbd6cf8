import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { describeError } from "@/lib/http/errors";
import { webhookAllowSchema } from "./webhook-allow";
import { vetWebhookUrl, type ResolveHost, type WebhookPolicy } from "./webhook-target";

/** A DNS of the test's own: each name answers the addresses listed (`name.` is `name`, as in DNS); anything else does not exist. */
function dnsOf(table: Record<string, string[]>): ResolveHost {
  return async (host) => {
    const answer = table[host.replace(/\.$/, "")];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return answer.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

const dns = dnsOf({
  "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "intranet.example.com": ["10.1.2.3"],
  "half.example.com": ["93.184.216.34", "192.168.0.9"],
  "v6-inside.example.com": ["fd00::5"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
  "meta.example.com": ["169.254.169.254"],
  "empty.example.com": [],
});

const policy = (allow = ""): WebhookPolicy => ({ allow: webhookAllowSchema.parse(allow), resolve: dns });

/** What vetWebhookUrl threw, as the REST API answers it for POST /api/v1/alerts/rules. */
async function answer(url: string, p = policy()) {
  try {
    await vetWebhookUrl(url, p);
    return null;
  } catch (e) {
    const d = describeError(e, "body");
    return { status: d.status, path: d.body.issues?.[0]?.path, message: d.body.issues?.[0]?.message };
  }
}

describe("a webhook URL when a rule is made", () => {
  it("is accepted for a public address, literal or by name", async () => {
    for (const url of ["https://8.8.8.8/hook", "http://[2606:4700::1111]:8080/x", "https://hooks.example.com/alerts?token=abc", "http://hooks.example.com./x"]) {
      expect(await answer(url), url).toBeNull();
    }
  });

  it.each([
    ["http://127.0.0.1:9000/", "127.0.0.1 is a loopback address"],
    ["http://2130706433/", "127.0.0.1 is a loopback address"],
    ["http://0x7f.1/", "127.0.0.1 is a loopback address"],
    ["http://0.0.0.0/", "0.0.0.0 is an unspecified address"],
    ["http://10.0.0.5/", "10.0.0.5 is a private address"],
    ["http://172.20.1.1/", "172.20.1.1 is a private address"],
    ["http://100.64.1.1/", "100.64.1.1 is a shared (carrier-grade NAT) address"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"],
    ["http://100.100.100.200/", "100.100.100.200 is a cloud metadata address"],
    ["http://[::1]/", "::1 is a loopback address"],
    ["http://[::ffff:10.0.0.1]/", "::ffff:a00:1 is a private address"],
    ["http://[64:ff9b::10.0.0.1]/", "64:ff9b::a00:1 is a private address"],
    ["http://[fe80::1]/", "fe80::1 is a link-local address"],
    ["http://[fd12::1]/", "fd12::1 is a unique-local address"],
    ["http://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address"],
    ["http://[ff02::1]/", "ff02::1 is a multicast address"],
    ["http://255.255.255.255/", "255.255.255.255 is a broadcast address"],
    ["http://intranet.example.com/", "intranet.example.com resolves to 10.1.2.3, a private address"],
    ["http://half.example.com/", "half.example.com resolves to 192.168.0.9, a private address"],
    ["http://v6-inside.example.com/", "v6-inside.example.com resolves to fd00::5, a unique-local address"],
    ["http://mapped.example.com/", "mapped.example.com resolves to ::ffff:127.0.0.1, a loopback address"],
    ["http://meta.example.com/", "meta.example.com resolves to 169.254.169.254, a cloud metadata address"],
    ["http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a cloud metadata host"],
    ["http://METADATA./", "metadata. is a cloud metadata host"],
  ])("%s is refused with 400 on webhookUrl: %s", async (url, reason) => {
    const a = await answer(url);
    expect(a).toMatchObject({ status: 400, path: "body.webhookUrl" });
    expect(a!.message).toMatch(new RegExp(`^${reason.replace(/[.()[\]]/g, "\\$&")}; webhooks are (not sent to internal addresses unless BARISTA_WEBHOOK_ALLOW lists them|never sent to cloud metadata services)$`));
  });

  it("says a name that does not resolve does not, and refuses credentials in the URL", async () => {
    expect(await answer("http://nowhere.example.com/")).toEqual({
      status: 400,
      path: "body.webhookUrl",
      message: "the host name nowhere.example.com does not resolve (ENOTFOUND); check its spelling, or give the receiver's IP address",
    });
    expect((await answer("http://empty.example.com/"))?.message).toMatch(/^the host name empty\.example\.com does not resolve to any address/);
    expect((await answer("http://user:secret@hooks.example.com/"))?.message).toMatch(/^a webhook URL carries no user name or password/);
    expect((await answer("http:user@hooks.example.com/"))?.message).toMatch(/^a webhook URL carries no user name or password/);
    expect((await answer("ftp://hooks.example.com/"))?.message).toBe("ftp is not http or https");
  });

  it("lets the allow list name internal receivers, by address, CIDR or host name", async () => {
    expect(await answer("http://127.0.0.1:9000/", policy("127.0.0.1"))).toBeNull();
    expect(await answer("http://[::ffff:127.0.0.1]:9000/", policy("127.0.0.1"))).toBeNull();
    expect((await answer("http://127.0.0.2:9000/", policy("127.0.0.1")))?.message).toMatch(/^127\.0\.0\.2 is a loopback address/);
    expect(await answer("http://intranet.example.com/", policy("10.0.0.0/8"))).toBeNull();
    expect(await answer("http://intranet.example.com/", policy("intranet.example.com"))).toBeNull();
    expect(await answer("http://v6-inside.example.com/", policy("fd00::/8"))).toBeNull();
    // A name is allowed as a name: another name resolving to the same address is not.
    expect((await answer("http://10.1.2.3/", policy("intranet.example.com")))?.message).toMatch(/^10\.1\.2\.3 is a private address/);
  });

  it("never lets the allow list open a cloud metadata service", async () => {
    expect((await answer("http://169.254.169.254/", policy("169.254.0.0/16")))?.message).toMatch(/^169\.254\.169\.254 is a cloud metadata address; webhooks are never sent/);
    expect((await answer("http://meta.example.com/", policy("meta.example.com")))?.message).toMatch(/^meta\.example\.com resolves to 169\.254\.169\.254, a cloud metadata address/);
    expect((await answer("http://metadata.google.internal/", policy("metadata.google.internal")))?.message).toMatch(/is a cloud metadata host/);
    // The rest of the link-local range is the operator's to allow.
    expect(await answer("http://169.254.10.10/", policy("169.254.0.0/16"))).toBeNull();
  });
});
