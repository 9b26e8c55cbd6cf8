import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppCatalogue } from "./catalogue";
import { loadRecipes, recipeDirs, RecipeError, shippedRecipesDir } from "./loader";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "barista-recipes-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const good = (id: string, more = "") => `id: ${id}
name: Test ${id}
version: 1.0.0
description: A test app.
ports:
  - { protocol: tcp, port: 8080, description: web }
steps:
  - name: Write a file
    run: touch "$HOME"/{{vmName}}.txt
health:
  run: test -f "$HOME"/{{vmName}}.txt
${more}`;

function refusal(dir: string): string {
  try {
    loadRecipes([dir]);
  } catch (e) {
    expect(e).toBeInstanceOf(RecipeError);
    return (e as Error).message;
  }
  throw new Error("the folder was accepted");
}

describe("recipe files", () => {
  it("ships nginx, video-conference and game-server, each valid, with its ports", () => {
    const recipes = loadRecipes([shippedRecipesDir()]);
    expect(recipes.map((r) => r.id)).toEqual(["game-server", "nginx", "video-conference"]);
    const byId = new Map(recipes.map((r) => [r.id, r]));
    expect(byId.get("nginx")!.ports).toEqual([{ protocol: "tcp", port: 80, description: "HTTP" }]);
    expect(byId.get("video-conference")!.ports.map((p) => `${p.protocol}/${p.port}`)).toEqual(["tcp/80", "tcp/443", "udp/10000"]);
    expect(byId.get("video-conference")!.steps.map((s) => s.run)).toContain("sudo DEBIAN_FRONTEND=noninteractive apt-get install -y jitsi-meet");
    expect(byId.get("game-server")!.url).toBeUndefined();
    expect(byId.get("nginx")!.steps[0].timeoutSeconds).toBe(600);
    expect(byId.get("nginx")!.health).toMatchObject({ retries: 10, intervalSeconds: 3 });
  });

  it("reads the end-to-end tests' extra folder", () => {
    expect(loadRecipes([path.resolve("e2e/fixtures/apps")]).map((r) => r.id)).toEqual(["broken-demo", "web-demo"]);
  });

  it("adds BARISTA_APPS_DIR's recipes to the shipped ones", () => {
    const extra = folder({ "hello.yaml": good("hello"), "README.md": "not a recipe" });
    const catalogue = AppCatalogue.fromEnv({ BARISTA_APPS_DIR: extra });
    expect(catalogue.ids).toEqual(["game-server", "hello", "nginx", "video-conference"]);
    expect(catalogue.list().find((a) => a.id === "hello")).toMatchObject({ steps: ["Write a file"], url: null, ports: [{ protocol: "tcp", port: 8080 }] });
    expect(recipeDirs({})).toEqual([shippedRecipesDir()]);
    expect(() => catalogue.get("nope")).toThrow(/no app "nope"; the apps are game-server, hello, nginx, video-conference/);
  });

  it("refuses a bad file, naming the file and the field", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ "a.yaml": good("a").replace("version: 1.0.0", "version: one") }, /a\.yaml: field version: a version looks like 1\.0\.0/],
      [{ "a.yaml": good("a").replace("port: 8080", "port: 70000") }, /a\.yaml: field ports\[0\]\.port: a port is 1-65535/],
      [{ "a.yaml": good("a").replace("protocol: tcp", "protocol: sctp") }, /a\.yaml: field ports\[0\]\.protocol: protocol is tcp or udp/],
      [{ "a.yaml": good("a").replace("{{vmName}}.txt\nhealth", "{{hostname}}.txt\nhealth") }, /a\.yaml: field steps\[0\]\.run: \{\{hostname\}\} is not a template variable/],
      [{ "a.yaml": good("a", "colour: blue\n") }, /a\.yaml: field \(the file\): .*colour/],
      [{ "a.yaml": good("a").replace(/steps:[\s\S]*health:/, "steps: []\nhealth:") }, /a\.yaml: field steps: a recipe has at least one step/],
      [{ "a.yaml": "id: [unclosed" }, /a\.yaml: not readable YAML/],
      [{ "a.yaml": "- just\n- a list\n" }, /a\.yaml: expected a mapping/],
      [{ "b.yaml": good("a") }, /b\.yaml: field id: "a" differs from the file's name/],
    ];
    for (const [files, message] of cases) expect(refusal(folder(files))).toMatch(message);
  });

  it("refuses an id defined twice, and a folder that is not there", () => {
    const extra = folder({ "nginx.yaml": good("nginx") });
    expect(() => AppCatalogue.fromEnv({ BARISTA_APPS_DIR: extra })).toThrow(/nginx\.yaml: field id: "nginx" is already defined by .*recipes\/nginx\.yaml/);
    expect(() => AppCatalogue.fromEnv({ BARISTA_APPS_DIR: "/no/such/folder" })).toThrow(/recipe folder \/no\/such\/folder does not exist/);
  });
});
