import type { Summary } from './stats';

/** How a measured value is compared with its goal. */
export type GoalOperator = '<=' | '>=' | '<' | '==';

/** The value a figure must reach, e.g. `{ op: '<=', target: 1.5 }`. */
export interface Goal {
  op: GoalOperator;
  target: number;
}

/** Which chart of `results.svg` a figure is drawn in. */
export type ChartKind = 'grants' | 'ratio';

/** One reported number: a ratio, a count, a latency or a size, with its goal when it has one. */
export interface Figure {
  /** What was measured, e.g. `getAccessToken() / async constant (time)`. */
  name: string;
  /** The value (the median when repeated); `undefined` when it could not be measured. */
  value: number | undefined;
  /** Unit shown after the value: `x`, `req/s`, `grants`, `ms`, `MB`, `ns`, `failed`. */
  unit: string;
  /** Median and range over rounds, for repeated measurements. */
  spread?: Summary | undefined;
  /** The goal; a figure without one is reported for information (a baseline or a peer). */
  goal?: Goal | undefined;
  /** Drawn in this chart of `results.svg`. */
  chart?: ChartKind | undefined;
  /** Short label for the chart (default: `name`). */
  chartLabel?: string | undefined;
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  /** 1-based position, as in the issue. */
  id: number;
  /** Short title, e.g. `Hot path`. */
  title: string;
  /** Every figure, goals first. */
  figures: Figure[];
  /** How it was measured, in a sentence or two each. */
  notes: string[];
  /** Set when the scenario failed to run to the end (its figures may be partial). */
  error?: string | undefined;
  /** Wall time of the scenario, in seconds. */
  seconds: number;
}

/** What a figure's value says about its goal. */
export type Verdict = 'pass' | 'fail' | 'info' | 'missing';

/** Compares a figure's value with its goal. */
export function verdictOf(figure: Figure): Verdict {
  if (figure.value === undefined || Number.isNaN(figure.value)) return figure.goal ? 'fail' : 'missing';
  const goal = figure.goal;
  if (!goal) return 'info';
  const v = figure.value;
  switch (goal.op) {
    case '<=':
      return v <= goal.target ? 'pass' : 'fail';
    case '>=':
      return v >= goal.target ? 'pass' : 'fail';
    case '<':
      return v < goal.target ? 'pass' : 'fail';
    case '==':
      return v === goal.target ? 'pass' : 'fail';
  }
}
