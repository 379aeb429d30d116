/**
 * The part of newman's Node API this app uses (newman ships no types and @types/newman is not a
 * dependency): `newman.run(options, callback)` and the counts of its run summary.
 */
declare module 'newman' {
  /** Totals of one kind of thing newman ran. */
  export interface NewmanRunStat {
    total?: number;
    failed?: number;
    pending?: number;
  }

  /** One failed assertion or errored request or script. */
  export interface NewmanRunFailure {
    error: { name?: string; message?: string; test?: string };
    source?: { name?: string };
    at?: string;
  }

  /** What newman passes to the `run` callback. */
  export interface NewmanRunSummary {
    run: {
      stats: {
        iterations: NewmanRunStat;
        items: NewmanRunStat;
        scripts: NewmanRunStat;
        prerequests: NewmanRunStat;
        requests: NewmanRunStat;
        tests: NewmanRunStat;
        assertions: NewmanRunStat;
        testScripts: NewmanRunStat;
        prerequestScripts: NewmanRunStat;
      };
      failures: NewmanRunFailure[];
      error?: unknown;
    };
  }

  /** Options of `newman.run` (the subset used here). */
  export interface NewmanRunOptions {
    collection: string | object;
    environment?: string | object;
    envVar?: { key: string; value: string }[];
    reporters?: string | string[];
    timeoutRequest?: number;
    bail?: boolean;
    /** Where the collection's relative file paths (a form field's `src`) are read from. Default the process's. */
    workingDir?: string;
  }

  const newman: {
    run(
      options: NewmanRunOptions,
      callback: (error: Error | null, summary: NewmanRunSummary) => void,
    ): unknown;
  };
  export default newman;
}
