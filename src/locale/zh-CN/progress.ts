import type { progress as en } from "../en/progress.ts";

/** 简体中文: progress. Every key of the English section, in the runbook's own terms. */
export const progress: Record<keyof typeof en, string> = {
  "progress.task.sync": "同步",
  "progress.task.syncCompare": "同步（比对中）",
  "progress.task.install": "install-daemon",
  "progress.task.installCompare": "install-daemon（比对中）",
  "progress.task.backup": "备份",
  "progress.task.restart": "滚动重启",
  "progress.nodes": "{task}：已完成 {done}/{total} 个节点",
  "progress.steps": "{task}：第 {step}/{total} 步",
  "progress.elapsed": "{seconds} 秒",
  "progress.line": "{progress}（{elapsed}）",
  "progress.lineActive": "{progress}（{elapsed}）；{active}",
  "progress.working": "进行中：{nodes}",
  "progress.more": "等另外 {count} 个",
  "progress.phase.copy": "正在复制并校验 dispatch.db 快照",
  "progress.phase.retention": "正在按保留策略清理旧快照",
  "progress.slack.working": "正在执行 `{command}`……",
};
