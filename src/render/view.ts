import { translator, type Locale, type Translate } from "../locale/index.ts";
import { PLAIN, type Paint } from "./paint.ts";

/**
 * How a command's text is to be shown: in which language, with what paint, how wide. The CLI
 * makes one from its terminal (src/cli/terminal.ts); Slack, email and --json use plain ones.
 */
export interface View {
  locale: Locale;
  t: Translate;
  paint: Paint;
  /** The columns text may use (help wraps to them); a wide default where nothing is measured. */
  columns: number;
}

/** Slack, email and anything else that is not a terminal: no paint, nothing to wrap to. */
export function plainView(locale: Locale = "en", columns = 120): View {
  return { locale, t: translator(locale), paint: PLAIN, columns };
}

export function makeView(locale: Locale, paint: Paint, columns: number): View {
  return { locale, t: translator(locale), paint, columns };
}
