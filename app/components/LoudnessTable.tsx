import { formatDb } from "../lib/format";

export interface LoudnessRow {
  diIndex: number;
  chainIndex: number;
  gainDb: number;
  integratedLufs: number;
  truePeakDbtp: number;
}

/** Per-chain loudness after matching: the gain applied, the integrated loudness and the true peak, per DI. */
export function LoudnessTable({
  rows,
  chains,
  diNames,
}: {
  rows: LoudnessRow[];
  chains: { name: string; colour: string }[];
  diNames: string[];
}) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="loudness-table">
        <caption className="visually-hidden">Loudness of each chain after matching</caption>
        <thead>
          <tr>
            <th scope="col">Chain</th>
            {diNames.length > 1 && <th scope="col">DI</th>}
            <th scope="col">Gain applied</th>
            <th scope="col">Integrated</th>
            <th scope="col">True peak</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const chain = chains[row.chainIndex];
            return (
              <tr key={`${row.diIndex}:${row.chainIndex}`}>
                <th scope="row">
                  <span className="chain-swatch" style={{ background: chain?.colour }} aria-hidden="true" />
                  {chain?.name ?? `Chain ${row.chainIndex + 1}`}
                </th>
                {diNames.length > 1 && <td>{diNames[row.diIndex] ?? row.diIndex + 1}</td>}
                <td>{formatDb(row.gainDb)}</td>
                <td>{row.integratedLufs.toFixed(1)} LUFS</td>
                <td>{formatDb(row.truePeakDbtp, "dBTP")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
