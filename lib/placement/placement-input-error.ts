/**
 * A placement request the engine cannot answer as given. `field` names the offending input
 * (`k`, `users[12].lat`, `candidates[3]` …) so a route can point the form at it.
 */
export class PlacementInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = "PlacementInputError";
    this.field = field;
  }
}
