import { describe, expect, it } from "vitest";
import { agentCredential } from "./agent-credentials";

const TOKEN = "brst_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const read = (headers: Record<string, string>, query = "") => agentCredential(new Headers(headers), new URLSearchParams(query));

describe("the credentials of an InfluxDB client", () => {
  it("reads the token of every form Telegraf's outputs and InfluxDB 1.x clients send", () => {
    expect(read({ authorization: `Token ${TOKEN}` })).toEqual({ token: TOKEN, form: "token" });
    expect(read({ authorization: `Bearer ${TOKEN}` })).toEqual({ token: TOKEN, form: "bearer" });
    expect(read({ authorization: basic("telegraf", TOKEN) })).toEqual({ token: TOKEN, form: "basic" });
    expect(read({}, `db=telegraf&u=telegraf&p=${TOKEN}`)).toEqual({ token: TOKEN, form: "query" });
    // Schemes are case-insensitive (RFC 9110); the name is not read, and the password runs from the first colon to the end.
    expect(read({ authorization: `token ${TOKEN}` })).toEqual({ token: TOKEN, form: "token" });
    expect(read({ authorization: basic("", TOKEN) })).toEqual({ token: TOKEN, form: "basic" });
    expect(read({ authorization: basic("ops", `${TOKEN}:x`) })).toEqual({ token: `${TOKEN}:x`, form: "basic" });
    expect(read({ authorization: basic("ops", `${TOKEN} x`) })).toEqual({ invalid: expect.stringContaining("blanks") });
    expect(read({}, "p=a%09b")).toEqual({ invalid: expect.stringContaining("blanks") });
  });

  it("answers null when nothing was sent, so the caller is nobody", () => {
    expect(read({})).toBeNull();
    expect(read({}, "db=telegraf&u=telegraf")).toBeNull();
    // InfluxDB 1.x reads an empty p as none.
    expect(read({}, "u=telegraf&p=")).toBeNull();
  });

  it("refuses what it cannot read, saying how to send the token, instead of ignoring it", () => {
    for (const authorization of ["Token", "Token  ", "Bearer a b", "Basic", "Basic !!notbase64", basic("telegraf", ""), `Basic ${Buffer.from("no-colon").toString("base64")}`, "Digest x", "brst_alone"]) {
      const r = read({ authorization });
      expect(r && "invalid" in r, authorization).toBe(true);
      expect(JSON.stringify(r), authorization).toMatch(/token|password|base64|pair/i);
    }
    expect(read({}, `p=${TOKEN}&p=other`)).toEqual({ invalid: expect.stringContaining("more than once") });
  });

  it("reads the header alone when there is one, and p only without it", () => {
    expect(read({ authorization: basic("u", TOKEN) }, "p=brst_other")).toEqual({ token: TOKEN, form: "basic" });
    expect(read({ authorization: `Token ${TOKEN}` }, "p=")).toEqual({ token: TOKEN, form: "token" });
    // A header that cannot be read is refused even when p could be.
    expect(read({ authorization: "Basic %%%" }, `p=${TOKEN}`)).toEqual({ invalid: expect.stringContaining("base64") });
  });

  it("never puts the token into a refusal", () => {
    for (const r of [read({ authorization: `Token ${TOKEN} ${TOKEN}` }), read({ authorization: basic("u", `${TOKEN}\t`) }), read({}, `p=${TOKEN}&p=${TOKEN}`)]) {
      expect(r && "invalid" in r).toBe(true);
      expect(JSON.stringify(r)).not.toContain(TOKEN);
    }
  });
});
