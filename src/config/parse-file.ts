import type { z } from "zod";
import { toProblems, toWarnings } from "./format-issues.ts";
import type { SchemaOptions } from "./object-factory.ts";
import type { JsonFile } from "./read-json-file.ts";

export interface ParsedFile<T> {
  /** Undefined when the file has problems. */
  data: T | undefined;
  problems: string[];
  warnings: string[];
}

/**
 * Validates one file's JSON against its schema factory. A missing file is parsed as `{}`, so
 * its defaults come from the same schema as a written file's and cannot disagree.
 */
export function parseFile<S extends z.ZodType>(
  file: string,
  source: JsonFile,
  makeSchema: (options: SchemaOptions) => S,
  home: string,
): ParsedFile<z.output<S>> {
  if (source.present && "problem" in source) return { data: undefined, problems: [source.problem], warnings: [] };
  const value = source.present ? source.value : {};
  const result = makeSchema({ strict: false, home }).safeParse(value);
  const strictResult = makeSchema({ strict: true, home }).safeParse(value);
  return {
    data: result.success ? result.data : undefined,
    problems: result.success ? [] : toProblems(file, result.error.issues),
    warnings: strictResult.success ? [] : toWarnings(file, strictResult.error.issues),
  };
}
