import { pct } from "../lib/view/format";

type Row = { key: string } & Record<string, number | string>;

/** The numbers behind a stacked chart: counts with each row's share. */
export function PivotTable({ rows, series, keyLabel }: { rows: Row[]; series: string[]; keyLabel: string }) {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>{keyLabel}</th>
            {series.map((s) => (
              <th key={s} className="num">
                {s}
              </th>
            ))}
            <th className="num">total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const total = series.reduce((n, s) => n + Number(row[s] ?? 0), 0);
            return (
              <tr key={row.key}>
                <td>{row.key}</td>
                {series.map((s) => (
                  <td key={s} className="num">
                    {Number(row[s] ?? 0)} <span className="muted">({pct(Number(row[s] ?? 0), total)})</span>
                  </td>
                ))}
                <td className="num">{total}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
