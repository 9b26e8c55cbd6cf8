import { describe, expect, it } from "vitest";
import { monitoringConfigFromEnv } from "./config";
import { allowsAddress, allowsHost, webhookAllowSchema } from "./webhook-allow";

describe("BARISTA_WEBHOOK_ALLOW", () => {
  it("takes host names, single addresses and CIDRs of both families", () => {
    const allow = webhookAllowSchema.parse(" 127.0.0.1, Hooks.Internal. ,10.20.0.0/16,fd00:1::/32, ::1 ,");
    expect(allow.entries).toEqual(["127.0.0.1", "Hooks.Internal.", "10.20.0.0/16", "fd00:1::/32", "::1"]);
    expect([...allow.hosts]).toEqual(["hooks.internal"]);
    expect(allowsHost(allow, "hooks.internal")).toBe(true);
    expect(allowsHost(allow, "HOOKS.internal.")).toBe(true);
    expect(allowsHost(allow, "other.internal")).toBe(false);
    expect(allowsAddress(allow, "127.0.0.1")).toBe(true);
    expect(allowsAddress(allow, "127.0.0.2")).toBe(false);
    expect(allowsAddress(allow, "::ffff:127.0.0.1")).toBe(true);
    expect(allowsAddress(allow, "10.20.255.1")).toBe(true);
    expect(allowsAddress(allow, "10.21.0.1")).toBe(false);
    expect(allowsAddress(allow, "fd00:1:ffff::9")).toBe(true);
    expect(allowsAddress(allow, "fd00:2::9")).toBe(false);
    expect(allowsAddress(allow, "::1")).toBe(true);
    expect(allowsAddress(allow, "hooks.internal")).toBe(false);
  });

  it("allows nothing when unset or empty", () => {
    for (const text of [undefined, "", " , "]) {
      const allow = webhookAllowSchema.parse(text);
      expect(allow.entries).toEqual([]);
      expect(allowsAddress(allow, "127.0.0.1")).toBe(false);
      expect(allowsHost(allow, "localhost")).toBe(false);
    }
  });

  it.each(["10.0.0.0/33", "fd00::/129", "10.0.0.0/8/8", "http://hooks.internal", "*.internal", "hooks internal", "-bad.example", "10.0.0.0/x", "300.1.2.3"])("refuses %s, saying what an entry may be", (entry) => {
    const r = webhookAllowSchema.safeParse(`127.0.0.1, ${entry}`);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain(`"${entry}" is not a host name, an IP address or a CIDR`);
  });

  it("is read with the monitoring settings; a bad entry stops the start with the variable's name", () => {
    const config = monitoringConfigFromEnv({ BARISTA_WEBHOOK_ALLOW: "127.0.0.1" });
    expect(allowsAddress(config.webhookAllow, "127.0.0.1")).toBe(true);
    expect(monitoringConfigFromEnv({}).webhookAllow.entries).toEqual([]);
    expect(() => monitoringConfigFromEnv({ BARISTA_WEBHOOK_ALLOW: "127.0.0.1, 10.0.0.0/40" })).toThrow(/^BARISTA_WEBHOOK_ALLOW: "10\.0\.0\.0\/40" is not a host name, an IP address or a CIDR/);
  });
});
