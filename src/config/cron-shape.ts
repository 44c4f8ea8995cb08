import { cronProblem } from "../scheduler/cron-driver.ts";

/**
 * Cron expressions are checked here in two steps: first the shape, for a message that says which
 * field is wrong and to keep to classic cron (croner would also take `?` and `#`, which Oyster
 * does not document), then by the scheduler's own parser (croner, through cron-driver, which
 * imports nothing of the scheduler), so values out of range ("99 * * * *") fail at start-up
 * rather than when the job is scheduled.
 */

// One list item: `*`, a value or a range of values (digits or names like MON, JAN), with an
// optional `/step`.
const ITEM_RE = /^(\*|[A-Za-z0-9]+(-[A-Za-z0-9]+)?)(\/\d+)?$/;

/** Returns why `expr` is not a cron expression, or undefined when its shape is fine. */
export function cronShapeProblem(expr: string): string | undefined {
  const fields = expr.trim().split(/\s+/).filter((field) => field !== "");
  if (fields.length !== 5 && fields.length !== 6) {
    return `${JSON.stringify(expr)} is not a cron expression: expected 5 or 6 space-separated fields, got ${fields.length}`;
  }
  for (const [index, field] of fields.entries()) {
    const bad = field.split(",").find((item) => !ITEM_RE.test(item));
    if (bad !== undefined) {
      return `${JSON.stringify(expr)} is not a cron expression: field ${index + 1} (${JSON.stringify(field)}) may hold only digits, names, * , - /`;
    }
  }
  const problem = cronProblem(expr);
  if (problem === undefined) return undefined;
  // croner says "Invalid value for minute: 99"; other refusals (a step like "5/5") keep its words.
  const why = /^Invalid value for /.test(problem) ? "a value is out of range" : problem;
  return `${JSON.stringify(expr)} is not a valid cron expression (${why})`;
}
