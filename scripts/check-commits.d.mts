// Types of scripts/check-commits.mjs, for its unit test.

export declare const MAX_SUBJECT: number;
export declare const BASELINES: readonly string[];
export declare function subjectProblem(subject: string): string | undefined;
export declare function checkCommits(options?: { repo?: string; baselines?: readonly string[] }): { ok: boolean; lines: string[] };
