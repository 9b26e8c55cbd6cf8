/** App recipes and their installs on the VMs of MCIs (Cloud-Barista's CB-Ladybug). */
export { AppCatalogue } from "./catalogue";
export { AppInstaller } from "./installer";
export { loadRecipeFile, loadRecipes, recipeDirs, RecipeError, shippedRecipesDir, type LoadedRecipe } from "./loader";
export { renderCommand, renderUrl, shellQuote, templateValues } from "./template";
export type { AppDeps } from "./types";
