import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderCommand, renderUrl, shellQuote } from "./template";

const vm = { vmName: "web-1", publicIp: "203.0.113.7", privateIp: "10.77.0.4" };

describe("recipe templates", () => {
  it("fills each variable per VM, host being the public address, else the private one, else the name", () => {
    expect(renderCommand("echo {{host}} {{publicIp}} {{privateIp}} {{ vmName }}", vm)).toBe("echo 203.0.113.7 203.0.113.7 10.77.0.4 web-1");
    expect(renderCommand("echo {{host}}", { ...vm, publicIp: null })).toBe("echo 10.77.0.4");
    expect(renderCommand("echo {{host}} {{publicIp}}", { vmName: "h", publicIp: null, privateIp: null })).toBe("echo h ''");
    expect(renderUrl("http://{{host}}:8080/", vm)).toBe("http://203.0.113.7:8080/");
    expect(renderUrl("http://{{host}}/", { ...vm, publicIp: "2001:db8::7" })).toBe("http://[2001:db8::7]/");
  });

  it("makes each value one shell word, whatever it holds", () => {
    const nasty = ["plain", "two words", "it's", "$(reboot)", "`id`", "a;b && c", "\"q\"", "back\\slash", "*", "", "new\nline"];
    for (const value of nasty) {
      const out = execFileSync("sh", ["-c", `printf '%s|' ${shellQuote(value)}`]).toString();
      expect(out).toBe(`${value}|`);
    }
    const line = renderCommand("printf '%s\\n' 'name string '{{vmName}}", { ...vm, vmName: "x'; rm -rf ~; '" });
    expect(execFileSync("sh", ["-c", line]).toString()).toBe("name string x'; rm -rf ~; '\n");
  });
});
