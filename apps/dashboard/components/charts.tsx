"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { seriesColor } from "../lib/view/format";

type Row = { key: string } & Record<string, number | string>;
type MeanRow = { key: string } & Record<string, number | string | [number, number]>;

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
              fill={seriesColor(name, i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Grouped means (0–1) per key and series, each with its 95% interval drawn as an error bar. */
export function MeansChart({ rows, series, label }: { rows: MeanRow[]; series: string[]; label: string }) {
  return (
    <div className="chart" role="img" aria-label={label} data-chart={label}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} domain={[0, 1]} />
          <Tooltip />
          <Legend />
          {series.map((name, i) => (
            <Bar key={name} dataKey={name} fill={seriesColor(name, i)} isAnimationActive={false}>
              <ErrorBar dataKey={`${name} ci`} width={4} stroke="#1f2937" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Actual spend (the judge's calls included) against the baseline model, and the evaluation cost, per day (USD). */
export function CostChart({ rows }: { rows: { key: string; actual: number; baseline: number; evaluation: number }[] }) {
  const isDotted = rows.length <= 31;
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
            name="actual (routed, judge included)"
            stroke="#1f2937"
            dot={isDotted}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="baseline"
            name="baseline (one model)"
            stroke="#b0b7c3"
            strokeDasharray="5 4"
            dot={isDotted}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="evaluation"
            name="evaluation (judge)"
            stroke="#b38f00"
            dot={isDotted}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
