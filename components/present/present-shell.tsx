"use client";

import type { ReactNode } from "react";
import { BigNumbers, type Figure } from "./big-numbers";
import type { DeploymentSpan } from "./deployment-clock";
import { PresentClock } from "./present-clock";
import { TYPE } from "./present-type";
import type { PresentMode } from "./use-present-mode";

type Props = {
  mode: PresentMode;
  /** What is shown, e.g. `MCI web-demo` or `Barista: every cloud on one map`. */
  title: string;
  figures: readonly Figure[];
  clock: { span: DeploymentSpan | null; label: string };
  /** One line per scene: what the audience sees now. */
  captions: readonly string[];
  /** The scene's own panel, if it has one. */
  children?: ReactNode;
};

/**
 * Everything a presentation puts over the map: the title and live figures across the top, the
 * clock, the current scene's caption and the keys at the bottom. The map stays clickable between them.
 * Framed by a guided tour (`embed=1`), only the scene's own panel shows: the tour tells the story.
 */
export function PresentShell({ mode, title, figures, clock, captions, children }: Props) {
  const caption = captions[mode.scene] ?? "";
  return (
    <div data-testid="present-shell" data-scene={mode.scene + 1} data-scenes={captions.length} className="pointer-events-none absolute inset-0 z-[1003] text-white">
      {!mode.embedded && (
      <header className="pointer-events-auto absolute inset-x-0 top-0 bg-gradient-to-b from-sea from-55% to-sea/0 px-[3vmin] pb-[5vmin] pt-[2vmin]">
        <p data-testid="present-title" className={`${TYPE.title} flex items-center gap-[0.4em] truncate font-semibold tracking-tight`}>
          <span aria-hidden className="inline-block h-[0.45em] w-[0.45em] shrink-0 rounded-full bg-amber-400 shadow-[0_0_12px_#fbbf24]" />
          {title}
        </p>
        <div className="mt-[1.5vmin] flex items-end gap-[4vmin]">
          <BigNumbers figures={figures} />
          <PresentClock span={clock.span} label={clock.label} />
        </div>
      </header>
      )}
      {children}
      {!mode.embedded && (
      <footer className="pointer-events-auto absolute inset-x-0 bottom-0 flex items-end gap-[3vmin] bg-gradient-to-t from-sea from-50% to-sea/0 px-[3vmin] pb-[2.5vmin] pt-[6vmin]">
        <p data-testid="present-caption" aria-live="polite" className={`${TYPE.caption} min-w-0 flex-1 font-medium leading-tight`}>
          <span data-testid="present-scene" className="mr-[0.6em] tabular-nums text-slate-400">
            {mode.scene + 1}/{captions.length}
          </span>
          {caption}
        </p>
        <p data-testid="present-hint" className={`${TYPE.hint} flex shrink-0 items-center gap-[0.6em] text-slate-400`}>
          <Key>←</Key>
          <Key>→</Key> scenes
          <button type="button" onClick={mode.leave} className="ml-[0.4em] rounded-md px-[0.4em] py-[0.1em] ring-1 ring-slate-500 hover:bg-slate-700/60 hover:text-white">
            Esc
          </button>{" "}
          leave
        </p>
      </footer>
      )}
    </div>
  );
}

function Key({ children }: { children: ReactNode }) {
  return <kbd className="rounded-md px-[0.4em] py-[0.1em] font-sans ring-1 ring-slate-500">{children}</kbd>;
}

/** A large panel a scene puts over the map (status counts, charts, the comparison), on the right. */
export function ScenePanel({ children, testId, label }: { children: ReactNode; testId: string; label: string }) {
  return (
    <section
      data-testid={testId}
      aria-label={label}
      className="pointer-events-auto absolute bottom-[14vh] right-[3vmin] top-[24vh] flex w-[min(48vw,60rem)] flex-col justify-center overflow-hidden rounded-2xl border border-panel-edge bg-panel/95 px-[3vmin] py-[2.5vmin] shadow-2xl"
    >
      {children}
    </section>
  );
}
