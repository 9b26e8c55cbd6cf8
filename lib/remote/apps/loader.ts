import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { z } from "zod";
import { recipeSchema, type Recipe } from "@/lib/validation/apps";

/** A recipe and the file it came from. */
export type LoadedRecipe = Recipe & { file: string };

/** A recipe file that cannot be used: the message names the file and the field. */
export class RecipeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecipeError";
  }
}

/** Where the shipped recipes live, from the repository root (the server runs from there). */
export function shippedRecipesDir(cwd = process.cwd()): string {
  return path.join(cwd, "lib", "remote", "apps", "recipes");
}

/** The folders recipes are read from: the shipped ones, then BARISTA_APPS_DIR (a user's own). */
export function recipeDirs(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string[] {
  const extra = env.BARISTA_APPS_DIR?.trim();
  return [shippedRecipesDir(cwd), ...(extra ? [path.resolve(cwd, extra)] : [])];
}

function fieldOf(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") : "(the file)";
}

/** Reads and checks one recipe file; its id must be its file name, so a recipe is found by its name. */
export function loadRecipeFile(file: string): LoadedRecipe {
  let data: unknown;
  try {
    data = yaml.load(readFileSync(file, "utf8"), { filename: file });
  } catch (e) {
    throw new RecipeError(`recipe ${file}: not readable YAML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new RecipeError(`recipe ${file}: expected a mapping with id, name, version, description, ports, steps and health`);
  const parsed = recipeSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
    throw new RecipeError(`recipe ${file}: field ${fieldOf(issue)}: ${issue.message}${more}`);
  }
  const expected = path.basename(file).replace(/\.ya?ml$/, "");
  if (parsed.data.id !== expected) throw new RecipeError(`recipe ${file}: field id: "${parsed.data.id}" differs from the file's name; name the file ${parsed.data.id}.yaml or set id: ${expected}`);
  return { ...parsed.data, file };
}

/**
 * Every recipe of the folders, in id order. A bad file or an id defined twice throws a
 * RecipeError naming it: the server refuses to start rather than offer half the apps.
 */
export function loadRecipes(dirs: string[]): LoadedRecipe[] {
  const byId = new Map<string, LoadedRecipe>();
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RecipeError(`recipe folder ${dir} does not exist or is not a folder; create it or unset BARISTA_APPS_DIR`);
    for (const name of readdirSync(dir).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const recipe = loadRecipeFile(path.join(dir, name));
      const first = byId.get(recipe.id);
      if (first) throw new RecipeError(`recipe ${recipe.file}: field id: "${recipe.id}" is already defined by ${first.file}; give one of them another id`);
      byId.set(recipe.id, recipe);
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
