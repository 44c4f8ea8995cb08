import { isValidCron } from "../scheduler.ts";

/**
 * Cron expressions are checked here twice: first the shape, for a message that says which field
 * is wrong, then by the scheduler's own parser (the only importer of node-cron), so values out
 * of range ("99 * * * *") fail at start-up rather than when the job is scheduled.
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
  if (!isValidCron(expr)) return `${JSON.stringify(expr)} is not a valid cron expression (a value is out of range)`;
  return undefined;
}
