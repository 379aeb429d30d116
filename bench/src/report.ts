import { verdictOf, type Figure, type Goal, type ScenarioResult, type Verdict } from './figure';

/** Where and on what the benchmarks ran. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  platform: string;
  node: string;
  date: string;
}

const VERDICT_TEXT: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', info: 'info', missing: 'n/a' };
const VERDICT_MARK: Record<Verdict, string> = {
  pass: '✅ pass',
  fail: '❌ FAIL',
  info: 'info',
  missing: 'n/a',
};

/** A number in the unit's usual precision. */
export function formatNumber(value: number, unit: string): string {
  if (Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 'x':
      return value.toFixed(3);
    case 'ns':
      return value.toFixed(1);
    case 'ms':
      return value.toFixed(2);
    case 'MB':
      return value.toFixed(3);
    default:
      return Math.round(value).toLocaleString('en-US');
  }
}

/** Counts whose figure name already says what is counted: shown as a bare number. */
const COUNT_UNITS = new Set(['grants', 'failed']);

function withUnit(text: string, unit: string): string {
  if (unit === 'x') return `${text}x`;
  return COUNT_UNITS.has(unit) || unit === '' ? text : `${text} ${unit}`;
}

/** `1.020x [0.990-1.050]`: the value, and the range over rounds when repeated. */
export function formatMeasured(figure: Figure): string {
  if (figure.value === undefined || Number.isNaN(figure.value)) return 'not measured';
  const main = withUnit(formatNumber(figure.value, figure.unit), figure.unit);
  const spread = figure.spread;
  if (!spread || spread.count < 2) return main;
  return `${main} [${formatNumber(spread.min, figure.unit)}–${formatNumber(spread.max, figure.unit)}]`;
}

/** `<= 1.5x`, `>= 0.97x`, `= 1 grants`, `< 2 MB`, or `—`. */
export function formatGoal(goal: Goal | undefined, unit: string): string {
  if (!goal) return '—';
  const op = goal.op === '==' ? '=' : goal.op;
  return `${op} ${withUnit(String(goal.target), unit)}`;
}

interface Row {
  id: string;
  scenario: string;
  figure: string;
  measured: string;
  goal: string;
  verdict: Verdict;
}

function rowsOf(results: readonly ScenarioResult[]): Row[] {
  return results.flatMap((result) => {
    const rows: Row[] = result.figures.map((figure) => ({
      id: String(result.id),
      scenario: result.title,
      figure: figure.name,
      measured: formatMeasured(figure),
      goal: formatGoal(figure.goal, figure.unit),
      verdict: verdictOf(figure),
    }));
    if (result.error) {
      rows.push({
        id: String(result.id),
        scenario: result.title,
        figure: `run error: ${result.error}`,
        measured: '—',
        goal: 'no errors',
        verdict: 'fail',
      });
    }
    return rows;
  });
}

/** The count of goals met and missed. */
export function goalTally(results: readonly ScenarioResult[]): { met: number; missed: string[] } {
  let met = 0;
  const missed: string[] = [];
  for (const result of results) {
    for (const figure of result.figures) {
      const verdict = verdictOf(figure);
      if (verdict === 'pass') met++;
      else if (verdict === 'fail') missed.push(`${result.id}. ${figure.name}`);
    }
    if (result.error) missed.push(`${result.id}. ${result.title} ran with errors`);
  }
  return { met, missed };
}

/** The results as a plain-text table for the console. */
export function renderTable(results: readonly ScenarioResult[]): string {
  const header = {
    id: '#',
    scenario: 'Scenario',
    figure: 'Figure',
    measured: 'Measured (median [min–max])',
    goal: 'Goal',
    result: 'Result',
  };
  const rows = rowsOf(results).map((row) => ({ ...row, result: VERDICT_TEXT[row.verdict] }));
  const columns = ['id', 'scenario', 'figure', 'measured', 'goal', 'result'] as const;
  const widths = columns.map((column) =>
    Math.max(header[column].length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: Record<(typeof columns)[number], string>) =>
    columns.map((column, i) => cells[column].padEnd(widths[i] ?? 0)).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** `bench/RESULTS.md`: machine, Node, date, every figure with its goal and mark, and how each was measured. */
export function renderMarkdown(results: readonly ScenarioResult[], machine: Machine): string {
  const { met, missed } = goalTally(results);
  const lines: string[] = [
    '# Benchmark results',
    '',
    'Written by `pnpm bench` (`bench/src/run-benchmarks.ts`); every figure is measured in the same run as its baseline, on loopback. See [README.md](README.md) for what each figure means.',
    '',
    '| | |',
    '|---|---|',
    `| Machine | ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB RAM, ${machine.platform} |`,
    `| Node | ${machine.node} |`,
    `| Date | ${machine.date} |`,
    `| Goals | ${met} met, ${missed.length} missed |`,
    '',
  ];
  if (missed.length > 0) {
    lines.push('**Goals missed:**', '', ...missed.map((name) => `- ${escapeCell(name)}`), '');
  }
  const failedRuns = results.filter((result) => result.error);
  if (failedRuns.length > 0) {
    lines.push(
      '**Scenarios with errors:**',
      '',
      ...failedRuns.map((r) => `- ${r.id}. ${r.title}: ${escapeCell(r.error ?? '')}`),
      '',
    );
  }
  lines.push(
    '## Figures',
    '',
    '| # | Scenario | Figure | Measured (median [min–max]) | Goal | Result |',
    '|---|---|---|---|---|---|',
    ...rowsOf(results).map(
      (row) =>
        `| ${row.id} | ${row.scenario} | ${escapeCell(row.figure)} | ${escapeCell(row.measured)} | ${escapeCell(row.goal)} | ${VERDICT_MARK[row.verdict]} |`,
    ),
    '',
    '![Grant counts and throughput ratios](results.svg)',
    '',
    '## How each figure was measured',
    '',
  );
  for (const result of results) {
    lines.push(`### ${result.id}. ${result.title} (${result.seconds.toFixed(1)} s)`, '');
    for (const note of result.notes) lines.push(`- ${note}`);
    if (result.error) lines.push(`- **Error:** ${result.error}`);
    lines.push('');
  }
  return lines.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COLORS: Record<Verdict, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  info: '#78909c',
  missing: '#bdbdbd',
};
const WIDTH = 960;
const LABEL_X = 16;
const BAR_X = 330;
const BAR_WIDTH = 500;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;

interface Charted {
  label: string;
  figure: Figure;
  verdict: Verdict;
}

function charted(results: readonly ScenarioResult[], kind: 'grants' | 'ratio'): Charted[] {
  return results.flatMap((result) =>
    result.figures
      .filter((figure) => figure.chart === kind)
      .map((figure) => ({ label: figure.chartLabel ?? figure.name, figure, verdict: verdictOf(figure) })),
  );
}

/** The grant counts on a log scale (of 1 + n, so that 1 grant shows), one bar per client. */
function grantsPanel(rows: readonly Charted[], top: number): { svg: string[]; height: number } {
  const values = rows.map((row) => row.figure.value ?? 0);
  const decades = Math.max(1, Math.ceil(Math.log10(Math.max(10, ...values))));
  const scale = (v: number) => (Math.log10(1 + v) / Math.log10(1 + 10 ** decades)) * BAR_WIDTH;
  const svg: string[] = [
    `<text x="${LABEL_X}" y="${top + 18}" class="h">Grants made (emulator's count; log scale, fewer is better)</text>`,
  ];
  const plotTop = top + 34;
  const plotBottom = plotTop + rows.length * ROW_HEIGHT;
  for (let d = 0; d <= decades; d++) {
    const value = d === 0 ? 0 : 10 ** d;
    const x = BAR_X + scale(value);
    svg.push(
      `<line x1="${x.toFixed(1)}" y1="${plotTop - 4}" x2="${x.toFixed(1)}" y2="${plotBottom}" class="grid"/>`,
      `<text x="${x.toFixed(1)}" y="${plotBottom + 14}" class="tick">${value.toLocaleString('en-US')}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = plotTop + i * ROW_HEIGHT;
    const value = row.figure.value;
    const width = value === undefined || Number.isNaN(value) ? 0 : scale(value);
    const goal = row.figure.goal ? ` (goal ${formatGoal(row.figure.goal, '')})` : '';
    svg.push(
      `<text x="${LABEL_X}" y="${y + 13}" class="l">${escapeXml(row.label)}</text>`,
      `<rect x="${BAR_X}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLORS[row.verdict]}"/>`,
      `<text x="${(BAR_X + width + 6).toFixed(1)}" y="${y + 13}" class="v">${escapeXml(value === undefined || Number.isNaN(value) ? 'n/a' : Math.round(value).toLocaleString('en-US'))}${escapeXml(goal)}</text>`,
    );
  });
  return { svg, height: plotBottom + 24 - top };
}

/** The throughput ratios on a linear scale from 0, with the range over rounds and the goal line. */
function ratioPanel(rows: readonly Charted[], top: number): { svg: string[]; height: number } {
  const highs = rows.map((row) => row.figure.spread?.max ?? row.figure.value ?? 0);
  const domain = Math.max(1.2, Math.ceil(Math.max(...highs, 0) * 10) / 10);
  const scale = (v: number) => (Math.max(0, v) / domain) * BAR_WIDTH;
  const svg: string[] = [
    `<text x="${LABEL_X}" y="${top + 18}" class="h">Throughput ratio, ours / static Authorization header (req/s; higher is better)</text>`,
  ];
  const plotTop = top + 34;
  const plotBottom = plotTop + rows.length * ROW_HEIGHT;
  for (let t = 0; t <= domain + 1e-9; t += 0.2) {
    const x = BAR_X + scale(t);
    svg.push(
      `<line x1="${x.toFixed(1)}" y1="${plotTop - 4}" x2="${x.toFixed(1)}" y2="${plotBottom}" class="grid"/>`,
      `<text x="${x.toFixed(1)}" y="${plotBottom + 14}" class="tick">${t.toFixed(1)}</text>`,
    );
  }
  const goals = new Set(
    rows.map((row) => row.figure.goal?.target).filter((t): t is number => t !== undefined),
  );
  for (const target of goals) {
    const x = BAR_X + scale(target);
    svg.push(
      `<line x1="${x.toFixed(1)}" y1="${plotTop - 8}" x2="${x.toFixed(1)}" y2="${plotBottom}" class="goal"/>`,
      `<text x="${x.toFixed(1)}" y="${plotTop - 10}" class="tick">goal ${target}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = plotTop + i * ROW_HEIGHT;
    const value = row.figure.value;
    const measured = value !== undefined && !Number.isNaN(value);
    svg.push(
      `<text x="${LABEL_X}" y="${y + 13}" class="l">${escapeXml(row.label)}</text>`,
      `<rect x="${BAR_X}" y="${y}" width="${measured ? scale(value).toFixed(1) : 0}" height="${BAR_HEIGHT}" fill="${COLORS[row.verdict]}"/>`,
    );
    const spread = row.figure.spread;
    if (spread && spread.count > 1) {
      const x1 = BAR_X + scale(spread.min);
      const x2 = BAR_X + scale(spread.max);
      const mid = y + BAR_HEIGHT / 2;
      svg.push(
        `<path d="M${x1.toFixed(1)} ${mid}H${x2.toFixed(1)}M${x1.toFixed(1)} ${mid - 5}V${mid + 5}M${x2.toFixed(1)} ${mid - 5}V${mid + 5}" class="whisker"/>`,
      );
    }
    const text = measured ? `${value.toFixed(3)}x` : 'n/a';
    svg.push(
      `<text x="${(BAR_X + BAR_WIDTH + 8).toFixed(1)}" y="${y + 13}" class="v">${escapeXml(text)}</text>`,
    );
  });
  return { svg, height: plotBottom + 24 - top };
}

/** `bench/results.svg`: a hand-written bar chart of the grant counts and the throughput ratios. */
export function renderSvg(results: readonly ScenarioResult[], machine: Machine): string {
  const body: string[] = [];
  let y = 40;
  const grants = grantsPanel(charted(results, 'grants'), y);
  body.push(...grants.svg);
  y += grants.height + 16;
  const ratios = ratioPanel(charted(results, 'ratio'), y);
  body.push(...ratios.svg);
  y += ratios.height;
  const legend = (['pass', 'fail', 'info'] as const).map(
    (verdict, i) =>
      `<rect x="${LABEL_X + i * 150}" y="${y + 4}" width="12" height="12" fill="${COLORS[verdict]}"/><text x="${LABEL_X + i * 150 + 18}" y="${y + 14}" class="v">${{ pass: 'meets its goal', fail: 'misses its goal', info: 'peer / no goal' }[verdict]}</text>`,
  );
  const height = y + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    '<style>.t{font-size:16px;font-weight:600}.s{font-size:11px;fill:#555}.h{font-size:13px;font-weight:600}.l{font-size:12px}.v{font-size:11px}.tick{font-size:10px;fill:#666;text-anchor:middle}.grid{stroke:#e0e0e0}.goal{stroke:#c62828;stroke-dasharray:4 3}.whisker{stroke:#111;stroke-width:1.2;fill:none}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${LABEL_X}" y="22" class="t">Qontak auth toolkit benchmarks</text>`,
    `<text x="${WIDTH - LABEL_X}" y="22" class="s" text-anchor="end">${escapeXml(`${machine.cpu}, ${machine.cores} cores · Node ${machine.node} · ${machine.date}`)}</text>`,
    ...body,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
