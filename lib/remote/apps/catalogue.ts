import { InvalidArgumentError } from "@/lib/core/errors";
import type { AppView } from "@/lib/validation/apps";
import { loadRecipes, recipeDirs, type LoadedRecipe } from "./loader";

/** The recipes this server offers, read once at start. */
export class AppCatalogue {
  private readonly byId: Map<string, LoadedRecipe>;

  constructor(recipes: LoadedRecipe[]) {
    this.byId = new Map(recipes.map((r) => [r.id, r]));
  }

  /** The shipped recipes and BARISTA_APPS_DIR's; throws a RecipeError naming a bad file. */
  static fromEnv(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppCatalogue {
    return new AppCatalogue(loadRecipes(recipeDirs(env, cwd)));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  find(id: string): LoadedRecipe | null {
    return this.byId.get(id) ?? null;
  }

  /** The recipe, or a 400 that lists the apps there are. */
  get(id: string): LoadedRecipe {
    const r = this.byId.get(id);
    if (!r) throw new InvalidArgumentError(`there is no app "${id}"; the apps are ${this.ids.join(", ") || "none"} (GET /api/v1/apps)`, "app");
    return r;
  }

  list(): AppView[] {
    return [...this.byId.values()].map((r) => ({ id: r.id, name: r.name, version: r.version, description: r.description, ports: r.ports, url: r.url ?? null, steps: r.steps.map((s) => s.name) }));
  }
}
