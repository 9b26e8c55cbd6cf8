"use client";

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { latencyColour } from "@/lib/core/palette";

type Props = { samples: readonly { rttMs: number; weight: number }[] };

const NICE_WIDTHS = [1, 2, 5, 10, 20, 25, 50, 100, 200];

/** How the audience's round trips spread: weight per latency band, bars in the latency colours. */
export function LatencyHistogram({ samples }: Props) {
  const max = Math.max(1, ...samples.map((s) => s.rttMs));
  const width = NICE_WIDTHS.find((w) => max / w <= 20) ?? 500;
  const bins = Array.from({ length: Math.floor(max / width) + 1 }, (_, i) => ({ from: i * width, weight: 0 }));
  for (const s of samples) bins[Math.min(bins.length - 1, Math.floor(s.rttMs / width))].weight += s.weight;
  const data = bins.map((b) => ({ ...b, label: `${b.from}–${b.from + width}`, weight: Math.round(b.weight * 100) / 100 }));
  return (
    <figure data-testid="latency-histogram" data-bins={data.length} aria-label="Histogram of user round-trip times">
      <BarChart width={520} height={190} data={data} margin={{ top: 8, right: 8, bottom: 18, left: 0 }}>
        <CartesianGrid stroke="#334155" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="from" tick={{ fill: "#cbd5e1", fontSize: 13 }} stroke="#475569" label={{ value: "RTT, ms (estimated)", fill: "#94a3b8", fontSize: 13, position: "insideBottom", offset: -12 }} />
        <YAxis tick={{ fill: "#cbd5e1", fontSize: 13 }} stroke="#475569" width={44} allowDecimals={false} />
        <Tooltip
          cursor={{ fill: "rgb(148 163 184 / 0.15)" }}
          contentStyle={{ background: "#111c2e", border: "1px solid #334155", borderRadius: 8, color: "#e2e8f0" }}
          labelFormatter={(from) => `${from}–${Number(from) + width} ms`}
          formatter={(v) => [v, "users (weight)"]}
        />
        <Bar dataKey="weight" isAnimationActive={false}>
          {data.map((b) => (
            <Cell key={b.from} fill={latencyColour(b.from + width / 2)} />
          ))}
        </Bar>
      </BarChart>
    </figure>
  );
}
