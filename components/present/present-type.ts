/**
 * Type sizes of the presentation, relative to the viewport's smaller side so the same page reads
 * from the back of a room on a 1280×720 projector and on a 1920×1080 screen (the figures are about
 * 50 px and 75 px there), and never below a size a laptop shows well.
 */
export const TYPE = {
  value: "text-[clamp(2.25rem,7vmin,6rem)]",
  unit: "text-[clamp(1.25rem,3.4vmin,2.75rem)]",
  label: "text-[clamp(1.05rem,2.8vmin,2.1rem)]",
  caption: "text-[clamp(1.4rem,4.2vmin,3.25rem)]",
  title: "text-[clamp(1.25rem,3.6vmin,2.75rem)]",
  hint: "text-[clamp(0.95rem,2vmin,1.4rem)]",
} as const;
