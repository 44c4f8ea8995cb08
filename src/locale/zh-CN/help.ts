import type { help as en } from "../en/help.ts";

/**
 * 简体中文: help. Every key of the English section, in the runbook's own terms. Commands' summaries
 * and options are in command-help.ts (their English is in the command definitions).
 */
export const help: Record<keyof typeof en, string> = {
  "help.usage": "用法：oyster <command> [args] [--json] [--yes]",
  "help.oneCommand": "oyster help <command> 显示单个命令的完整说明。",
  "help.legend": "ROLE 是命令所需的最低角色（viewer 查看者 < operator 操作员 < admin 管理员）；命令下方另起一行的，是需要更高角色的用法。",
  "help.slackHeading": "你在这里可以运行的命令，以及各自所需的最低角色（viewer 查看者 < operator 操作员 < admin 管理员）：",
  "help.detail.usage": "用法：oyster ",
  "help.detail.options": "选项：",
  "help.detail.role": "角色：",
  "help.detail.roleOthers": "{role}（未在下方列出的用法）",
  "help.detail.examples": "示例：",
  "help.detail.exitCodes": "退出码：",
  "help.flag.json": "在 stdout 输出一个 JSON 文档，而不是文本",
  "help.flag.yes": "不询问确认，直接执行（供脚本使用）",
  "help.flag.help": "本页",
  "help.exit.0": "成功",
  "help.exit.1": "检查发现异常，或操作失败，或被安全保护拒绝（忙、有运行中的任务、磁盘空间不足）",
  "help.exit.2": "用法或配置错误，包括未知或格式错误的名称，以及未通过校验的参数",
  "help.exit.3": "无权限、未确认或已取消",
};
