import type { common as en } from "../en/common.ts";

/** 简体中文: words many messages share. */
export const common: Record<keyof typeof en, string> = {
  "common.node": "节点",
  "common.nodes": "节点",
  "common.passed": "通过",
  "common.failed": "失败",
  "common.fixed": "已修复",
  "common.skipped": "跳过",
};
