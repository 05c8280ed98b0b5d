"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { MODEL_COLORS, SERIES_COLORS } from "../lib/view/format";

type Row = { key: string } & Record<string, number | string>;

function colorOf(name: string, i: number): string {
  const color = MODEL_COLORS[name] ?? SERIES_COLORS[i % SERIES_COLORS.length];
  if (color === undefined) throw new RangeError(`no color for series ${i}`);
  return color;
}

/** Bars per key, one segment (stacked) or one bar (grouped) per series. */
export function BarsChart({
  rows,
  series,
  isStacked = true,
  label,
}: {
  rows: Row[];
  series: string[];
  isStacked?: boolean;
  label: string;
}) {
  return (
    <div className="chart" role="img" aria-label={label} data-chart={label}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {series.map((name, i) => (
            <Bar
              key={name}
              dataKey={name}
              stackId={isStacked ? "s" : undefined}
              fill={colorOf(name, i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Actual spend against what the baseline model would have cost, per day (USD). */
export function CostChart({ rows }: { rows: { key: string; actual: number; baseline: number }[] }) {
  return (
    <div className="chart" role="img" aria-label="Cost over time" data-chart="Cost over time">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => `$${v.toFixed(2)}`} />
          <Tooltip formatter={(v) => `$${Number(v).toFixed(4)}`} />
          <Legend />
          <Line
            type="monotone"
            dataKey="actual"
            name="actual (routed)"
            stroke="#3e6fd8"
            dot={rows.length <= 31}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="baseline"
            name="baseline (one model)"
            stroke="#b0b7c3"
            strokeDasharray="5 4"
            dot={rows.length <= 31}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
