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

/**
 * The English catalogue: one object, assembled from a section per area (each area's messages in
 * its own file, so its owner edits only that). Every key must also be in zh-CN's (a type error,
 * and test/unit/locale/catalogue.test.ts).
 */
export const en = {
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

export type MessageKey = keyof typeof en;
