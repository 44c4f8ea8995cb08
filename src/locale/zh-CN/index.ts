import type { MessageKey } from "../en/index.ts";
import { common } from "./common.ts";
import { check } from "./check.ts";
import { status } from "./status.ts";
import { alerts } from "./alerts.ts";
import { report } from "./report.ts";
import { appHome } from "./app-home.ts";
import { doctor } from "./doctor.ts";
import { help } from "./help.ts";
import { progress } from "./progress.ts";
import { email } from "./email.ts";

/** The Simplified Chinese catalogue: the same keys as the English one, section by section. */
export const zhCN: Record<MessageKey, string> = {
  ...common,
  ...check,
  ...status,
  ...alerts,
  ...report,
  ...appHome,
  ...doctor,
  ...help,
  ...progress,
  ...email,
};
