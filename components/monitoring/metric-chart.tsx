"use client";

import { useMemo, useState, type MouseEvent } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from "recharts";
import { formatMetric, formatTick, type MetricUnit } from "./metric-meta";
import { formatAxisTime, formatPointTime, type ChartRange } from "./ranges";
import { nearest, timeTicks, typicalSpacing, withGaps, type ChartPoint, type Point } from "./series";

export type ChartSeries = { key: string; label: string; colour: string; points: readonly Point[]; dashed?: boolean };

type Props = {
  unit: MetricUnit;
  range: ChartRange;
  /** The answered window (epoch ms): the time axis spans exactly this. */
  from: number;
  to: number;
  /** Points further apart than this are drawn with a break between them. */
  gapMs: number;
  series: readonly ChartSeries[];
  width: number;
  height: number;
};

const MARGIN = { top: 8, right: 14, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 52;
const TICK = { fill: "#cbd5e1", fontSize: 13 };

/**
 * A time chart of one metric: a line per series with breaks where data is missing, a fixed time
 * axis for the range, and a hover readout of every series at the pointer's time.
 */
export function MetricChart({ unit, range, from, to, gapMs, series, width, height }: Props) {
  const [hoverT, setHoverT] = useState<number | null>(null);
  // An agent that reports once a minute is continuous at a 10 s step: the break is measured against each series' own pace.
  const rows = useMemo(
    () =>
      series.map((s) => {
        const gap = Math.max(gapMs, 2.5 * typicalSpacing(s.points));
        return { ...s, gap, rows: withGaps(s.points, gap) };
      }),
    [series, gapMs],
  );
  const ticks = useMemo(() => timeTicks(from, to), [from, to]);
  const plotLeft = MARGIN.left + Y_AXIS_WIDTH;
  const plotWidth = Math.max(1, width - plotLeft - MARGIN.right);

  function onMove(e: MouseEvent<HTMLDivElement>) {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left - plotLeft;
    setHoverT(x < 0 || x > plotWidth ? null : from + (x / plotWidth) * (to - from));
  }

  const readout =
    hoverT === null
      ? []
      : rows.flatMap((s) => {
          const p = nearest(s.points, hoverT, s.gap / 2);
          return p ? [{ key: s.key, label: s.label, colour: s.colour, t: p[0], v: p[1] }] : [];
        });
  const hoverX = hoverT === null ? 0 : plotLeft + ((hoverT - from) / (to - from)) * plotWidth;

  return (
    <div className="relative" onMouseMove={onMove} onMouseLeave={() => setHoverT(null)}>
      <LineChart width={width} height={height} margin={MARGIN}>
        <CartesianGrid stroke="#334155" strokeDasharray="3 3" vertical={false} />
        <XAxis
          type="number"
          dataKey="t"
          domain={[from, to]}
          allowDataOverflow
          ticks={ticks}
          tickFormatter={(t: number) => formatAxisTime(range, t)}
          tick={TICK}
          stroke="#475569"
          height={26}
        />
        <YAxis
          type="number"
          dataKey="v"
          width={Y_AXIS_WIDTH}
          domain={unit === "%" ? [0, 100] : [0, "auto"]}
          ticks={unit === "%" ? [0, 25, 50, 75, 100] : undefined}
          tickFormatter={(v: number) => formatTick(unit, v)}
          tick={TICK}
          stroke="#475569"
        />
        {rows.map((s) => (
          <Line
            key={s.key}
            data={s.rows}
            dataKey="v"
            name={s.label}
            type="linear"
            stroke={s.colour}
            strokeWidth={s.dashed ? 1.5 : 2}
            strokeDasharray={s.dashed ? "5 3" : undefined}
            dot={(props: { cx?: number; cy?: number; index?: number; payload?: ChartPoint }) =>
              props.payload?.lone && props.cx !== undefined && props.cy !== undefined ? (
                <circle key={props.index} cx={props.cx} cy={props.cy} r={2.5} fill={s.colour} />
              ) : (
                <g key={props.index} />
              )
            }
            activeDot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
        {hoverT !== null && <ReferenceLine x={hoverT} stroke="#94a3b8" strokeDasharray="2 2" />}
      </LineChart>
      {readout.length > 0 && (
        <div
          role="tooltip"
          className="pointer-events-none absolute top-1 z-10 min-w-[11rem] rounded-lg border border-panel-edge bg-[#111c2e]/95 px-3 py-2 text-sm shadow-xl"
          style={hoverX > width / 2 ? { right: width - hoverX + 10 } : { left: hoverX + 10 }}
        >
          <p className="mb-1 font-mono text-xs text-slate-400">{formatPointTime(readout[0].t)}</p>
          <ul>
            {readout.map((r) => (
              <li key={r.key} className="flex items-center gap-2 whitespace-nowrap">
                <span aria-hidden className="h-0.5 w-3 shrink-0" style={{ backgroundColor: r.colour }} />
                <span className="min-w-0 flex-1 truncate text-slate-300">{r.label}</span>
                <span className="font-mono tabular-nums text-white">{formatMetric(unit, r.v)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
