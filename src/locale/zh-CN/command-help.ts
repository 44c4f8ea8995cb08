/** A command's summary and its options' descriptions in one language (English: the command's own definition). */
export interface CommandHelp {
  summary: string;
  /** By option name, without `--`. */
  options?: Record<string, string>;
}

/**
 * 简体中文: what `help` says of each command, keyed by command name. Usage lines, flags and
 * placeholders stay as the command defines them. test/unit/locale/command-help.test.ts checks
 * that every command and option in the registry is here and nothing else.
 */
export const commandHelp: Record<string, CommandHelp> = {
  help: { summary: "你可以运行的命令，及其用法和所需角色" },
  status: { summary: "各节点的可达性、延迟、运行时长、负载、磁盘和内存，以及 dispatch 的任务计数" },
  nodes: {
    summary: "解析后的节点列表（不发起连接）；添加节点（显示并确认主机密钥，写入 nodes.json，建 dispatch 目录，推送核心文件）、移除节点，或在 dispatch 中排空 / 恢复节点",
    options: {
      host: "add：地址（默认取 SSH 配置的 HostName，否则用节点名）",
      port: "add：SSH 端口（默认取 SSH 配置，否则 22）",
      user: "add：登录用户（默认取 SSH 配置，否则用你的用户名）",
      "dispatch-dir": "add：节点上的 dispatch 目录（默认 ~/dispatch）",
      tags: "add：标签，逗号分隔",
      fingerprint: "add：主机密钥的 SHA256 指纹，以节点控制台显示的为准",
      reason: "drain：原因（显示在 status 和日报中）",
    },
  },
  check: {
    summary: "立即运行守护的检查（db_schema、wrapper_version、ssh_connection、node_availability、param_alignment、stuck_tasks）：每个失败只列一次，附受影响节点，通过的只计数；--verbose 逐节点逐项列出",
    options: {
      all: "所有已启用的检查（默认）",
      node: "只检查这个节点",
      "no-fix": "只检测和报告，不做任何修改",
      rearm: "有人修好故障后，恢复该事件的修复次数（operator，记入审计）",
      verbose: "逐节点逐项列出，而不是分组结果（仅文本；--json 不变）",
    },
  },
  restart: {
    summary: "重启 bot 的守护任务（重新加载配置）、某项目的 dispatch（在控制机上），或某个节点上的 daemon、watcher 或已列出的服务；多个节点时逐个重启",
    options: {
      all: "daemon、watcher、service：nodes.json 中的所有节点，逐个进行",
      tag: "daemon、watcher、service：nodes.json 中带此标签的节点",
      parallel: "同时重启几个节点（默认 1）；第一个失败即停止",
    },
  },
  alerts: {
    summary: "未处理、已确认或已暂缓的告警（--all 另含已恢复的）",
    options: {
      open: "未恢复的告警：未处理、已确认、已暂缓（默认）",
      all: "仍保留的所有告警，包括已恢复的",
    },
  },
  ack: {
    summary: "确认告警（“我在处理”）：不再提醒；检查通过后自动恢复",
    options: { reason: "原因，或你在做什么" },
  },
  snooze: {
    summary: "暂缓告警的提醒一段时间（30m、1h、24h、7d）；到期后重新打开",
    options: { reason: "为什么可以先放一放" },
  },
  silence: {
    summary: "静默告警一段时间（维护）：按节点、标签、检查或来源，最长 30d；list 列出；remove 移除",
    options: {
      node: "add：关于此节点的告警（可重复）",
      tag: "add：关于 nodes.json 中带此标签节点的告警",
      check: "add：此检查，或一类检查（quota 涵盖 quota:...）",
      source: "add：来自 guardian、monitor、backup、oci 或 config 的告警",
      for: "add：多久（30m、2h、7d；最长 30d）",
      reason: "add：原因（与被静默的告警一起显示）",
      all: "list：也列出已结束的静默",
    },
  },
  sync: {
    summary: "把 dispatch 核心文件（sync.files）同步到节点：只推有差异的，按哈希校验；然后重启 sync.restart 中对应被替换文件的单元",
    options: { "dry-run": "只算哈希并比对：列出会改动什么，不发送任何文件" },
  },
  backup: { summary: "立即备份 dispatch.db：在数据目录的 snapshots/ 下生成经过校验的快照，再按保留策略清理" },
  backups: { summary: "可用于恢复的 dispatch.db 快照：文件、类型、时间、大小、是否已校验、行数" },
  restore: {
    summary: "用一个经过校验的快照替换 dispatch.db（先为当前数据库做一个安全快照）",
    options: { force: "即使 dispatch 有运行中的任务也恢复" },
  },
  report: {
    summary: "立即生成日报：节点、任务、告警、修复、配额、备份、同步、定时任务；--send 发送",
    options: { send: "把日报交给通知渠道发送（operator 角色）" },
  },
  jobs: { summary: "每个定时任务：计划、上次运行及结果、下次运行；以及 bot 是否在运行" },
  run: { summary: "立即运行一个定时任务（sync 和 guardian 会改动节点，需要确认）" },
  audit: {
    summary: "谁在何处运行了哪个会改变状态的命令，决定和结果如何",
    options: { since: "回溯多久：30m、1h、24h、7d，最长 366d（默认 24h）" },
  },
  quota: {
    summary: "实时查询每个账号的 AI API 配额；history：已存储的采样（Slack 中为图表）；watch：按间隔刷新",
    options: {
      hours: "history：回溯几小时（默认 24，最多 monitor.keepDays x 24）",
      account: "history：只看一个账号，按 label 或 provider:label",
      interval: "watch：两次查询间隔的秒数（10-3600，默认 300）",
    },
  },
  "oci-grab": {
    summary: "反复尝试创建 OCI Always Free A1 实例，直到成功（在 bot 内运行）；status 查看；stop 停止",
    options: {
      ocpus: "start：OCPU 数（默认 oci.ocpus）",
      memory: "start：内存 GB 数（默认 oci.memoryGb）",
      ad: "start：只用这个可用性域",
    },
  },
  "install-daemon": {
    summary: "在节点上安装或更新 agent-daemon 和 watcher 的 systemd 单元（只改有差异的），并启用、启动",
    options: {
      all: "nodes.json 中的所有节点",
      "dry-run": "以 diff 显示渲染后的单元和要执行的命令，不做任何修改",
    },
  },
  "install-agent-hooks": {
    summary: "安装 Claude Code 的状态栏 hook，为 claude statusline 账号（monitor.agents）提供数据，并保留用户原有的状态栏",
    options: {
      all: "nodes.json 中的所有节点",
      "dry-run": "显示每个 agent 目录会改动什么，不做任何修改",
    },
  },
  units: {
    summary: "节点上已列出的 systemd 单元的状态（active、enabled、主 PID、起始时间）；指定一个单元时，显示其日志的最新几行",
    options: { lines: "单个单元显示的日志行数（1-1000，默认 50）" },
  },
  logs: {
    summary: "dispatch.log 的末尾、Oyster 自己的日志（可读格式，可按级别和任务过滤），或某个任务的 task.log",
    options: {
      lines: "从末尾显示几行（1-10000；默认 100，task 为 200）",
      level: "oyster：显示的最低级别（trace、debug、info、warn、error、fatal）",
      job: "oyster：只看该定时任务各次运行的日志行（如 guardian）",
      follow: "oyster，仅 CLI：持续输出新行，跨日志轮转，直到 Ctrl-C（类似 tail -F）",
    },
  },
  db: { summary: "dispatch.db 的健康状况：日志模式、大小、按状态统计的任务、运行中的任务（最早的在前）、是否有写锁" },
  dispatch: {
    summary: "dispatch 自己的 status，以及某项目的 start 和 stop，在控制机的 dispatch.dir 中运行（restart dispatch 两者都做）；dispatch.statusCommand 含 {project} 时，status 需要项目名",
  },
  outbox: { summary: "通知发送队列：按状态和渠道计数，最早的待发项及其最近一次错误；retry：立即重试" },
  ps: { summary: "节点上的 dispatch、agent 和 watcher 进程：pid、用户、运行时长、CPU、内存、命令行" },
  completion: {
    summary: "bash、zsh 或 fish 的补全脚本：命令、子命令、参数，以及节点、项目、单元、任务和告警的名称",
    options: { names: "脚本在你输入时要的：某一类名称（nodes、projects、units、jobs、alerts、checks、tags），每行一个，取自配置和 state.db" },
  },
  doctor: { summary: "以清单形式检查整套配置（配置、数据目录、dispatch、节点、Slack、SMTP、提供方、OCI、打开的文件）：ok / warn / fail，并给出修复方法" },
};
