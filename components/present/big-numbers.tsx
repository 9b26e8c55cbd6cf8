import { TYPE } from "./present-type";

/** One live figure of the presentation: a label over a big value, a unit and where it comes from. */
export type Figure = { id: string; label: string; value: string; unit?: string; note?: string; colour?: string };

/** The strip of big numbers across the top of a presentation. */
export function BigNumbers({ figures }: { figures: readonly Figure[] }) {
  return (
    <dl className="flex min-w-0 flex-1 flex-wrap items-end gap-x-[4vmin] gap-y-2">
      {figures.map((f) => (
        <div key={f.id} data-testid={`present-figure-${f.id}`} data-value={f.value} className="min-w-0">
          <dt className={`${TYPE.label} truncate text-slate-300`}>{f.label}</dt>
          <dd className={`${TYPE.value} font-semibold tabular-nums leading-none`} style={{ color: f.colour ?? "white" }}>
            {f.value}
            {f.unit && <span className={`${TYPE.unit} ml-[0.2em] font-medium text-slate-300`}>{f.unit}</span>}
            {f.note && <span className={`${TYPE.label} ml-[0.4em] font-normal text-slate-400`}>{f.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
