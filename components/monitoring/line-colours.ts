/** Colours for one line per VM: Tol's "bright" and "light" schemes, apart on a dark background. */
export const LINE_COLOURS = ["#66CCEE", "#EE6677", "#CCBB44", "#4477AA", "#AA3377", "#228833", "#EE8866", "#BBCC33", "#99DDFF", "#FFAABB"] as const;

export const AVG_COLOUR = "#66CCEE";
export const MAX_COLOUR = "#F4A736";

export function lineColour(i: number): string {
  return LINE_COLOURS[i % LINE_COLOURS.length];
}
