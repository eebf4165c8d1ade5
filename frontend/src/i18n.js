// Every string the UI shows, in zh-CN and en, plus Intl formatting per locale.
// `t()` reads the `lang` signal, so any component that calls it re-renders on a switch.
import { signal, effect } from '@preact/signals';

export const LANGS = ['zh-CN', 'en'];
const STORAGE_KEY = 'lodestar.lang';

const en = {
  'app.name': 'Lodestar',
  'app.tagline': 'OKRs, live.',
  'app.loading': 'Loading…',
  'app.skip': 'Skip to content',

  'lang.switch': '中文',
  'lang.switchLabel': 'Switch language to Chinese',

  'signin.title': 'Sign in',
  'signin.lead': 'Sign in to see your team’s objectives and key results.',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.missing': 'Enter your email and password.',

  'header.signOut': 'Sign out',
  'header.signedInAs': 'Signed in as {name}',

  'board.title': 'Board',
  'board.cycle': 'Cycle',
  'filter.search': 'Search objectives, people, key results',
  'filter.team': 'Team',
  'filter.owner': 'Person',
  'filter.status': 'Status',
  'filter.anyTeam': 'All teams',
  'filter.anyOwner': 'Everyone',
  'filter.anyStatus': 'Any status',
  'filter.clear': 'Clear filters',
  'filter.noMatch': 'No objective matches these filters.',
  'meeting.enter': 'Meeting view',
  'meeting.leave': 'Leave meeting view',
  'activity.title': 'Activity',
  'activity.empty': 'No activity yet.',
  'activity.someone': 'Someone',
  'activity.kind.objective.created': 'created the objective',
  'activity.kind.objective.changed': 'edited the objective',
  'activity.kind.objective.aligned': 'changed the alignment',
  'activity.kind.objective.published': 'published the objective',
  'activity.kind.objective.archived': 'archived the objective',
  'activity.kind.objective.restored': 'restored the objective',
  'activity.kind.objective.weights_changed': 'changed the weights',
  'activity.kind.key_result.created': 'added a key result',
  'activity.kind.key_result.changed': 'edited a key result',
  'activity.kind.key_result.archived': 'archived a key result',
  'activity.kind.key_result.checked_in': 'checked in',
  'activity.kind.task.created': 'added a task',
  'activity.kind.task.changed': 'updated a task',
  'activity.kind.task.deleted': 'deleted a task',
  'activity.kind.task.restored': 'restored a task',
  'activity.kind.comment.added': 'commented',
  'activity.kind.comment.edited': 'edited a comment',
  'activity.kind.comment.deleted': 'deleted a comment',
  'board.expandAll': 'Expand all',
  'board.collapseAll': 'Collapse all',
  'board.noCycles': 'No cycles yet. An admin creates the first cycle.',
  'board.empty': 'No objectives in this cycle yet.',
  'board.loadFailed': 'The board could not be loaded.',
  'board.retry': 'Try again',
  'board.summary': '{count} objectives',
  'board.treeLabel': 'Objectives aligned from company to team to personal',
  'board.expand': 'Expand {title}',
  'board.collapse': 'Collapse {title}',
  'board.showKrsOf': 'Show {count} key results of {title}',
  'board.hideKrsOf': 'Hide the key results of {title}',
  'board.krCount': '{count} KRs',
  'board.krCountOne': '1 KR',
  'board.krColumn': 'KRs',
  'board.noKrs': 'No key results yet.',
  'board.reasons': 'Why: {reasons}',
  'board.draft': 'Draft',
  'board.owner': 'Owner',
  'board.team': 'Team',
  'board.progress': 'Progress',
  'board.status': 'Status',
  'board.objective': 'Objective',

  'level.COMPANY': 'Company',
  'level.TEAM': 'Team',
  'level.PERSONAL': 'Personal',

  'phase.DRAFTING': 'Drafting',
  'phase.ALIGNING': 'Aligning',
  'phase.TRACKING': 'Tracking',
  'phase.REVIEWING': 'Reviewing',
  'phase.CLOSED': 'Closed',

  'status.NOT_STARTED': 'Not started',
  'status.ON_TRACK': 'On track',
  'status.AT_RISK': 'At risk',
  'status.BEHIND': 'Behind',
  'status.DONE': 'Done',

  'reason.BEHIND_SCHEDULE': 'behind schedule',
  'reason.LOW_CONFIDENCE': 'low confidence',
  'reason.STALE': 'no check-in for a while',
  'reason.OVERDUE': 'overdue',

  'kind.BASELINE': 'Baseline',
  'kind.INCREASE': 'Increase',
  'kind.DECREASE': 'Decrease',
  'kind.RANGE': 'Range',
  'kind.COUNT': 'Count',
  'kind.MILESTONE': 'Milestone',
  'kind.MISSION': 'Mission',

  'kr.weight': 'Weight {weight}',
  'kr.value': '{current} / {target}',
  'kr.range': '{current} (target {min}–{max})',
  'kr.done': 'Done',
  'kr.notDone': 'Not done',
  'kr.due': 'Due {date}',
  'kr.confidence': 'Confidence {value}/10',
  'kr.from': 'from {start}',
  'kr.expected': 'expected {pct}',

  'live.connecting': 'Connecting…',
  'live.live': 'Live',
  'live.reconnecting': 'Reconnecting…',
  'live.catchingUp': 'Catching up…',
  'live.caughtUp': 'Caught up',
  'live.hint.connecting': 'Connecting for live updates.',
  'live.hint.live': 'Changes appear here as they happen.',
  'live.hint.reconnecting': 'The connection dropped. Changes made meanwhile appear once it is back.',
  'live.hint.catchingUp': 'Back online: applying the changes made meanwhile.',
  'live.hint.caughtUp': 'Every change made while offline is shown.',

  'presence.count': '{count} watching',
  'presence.title': 'Watching this board',
  'presence.label': '{count} watching this board: {names}',

  'progress.label': '{pct} done, {expected} expected by now',
  'progress.labelNoExpected': '{pct} done',

  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.server': 'The server answered with an error ({status}).',
  'error.unknown': 'Something went wrong.',

  // ---- objective page, OKR editor, My OKRs and check-ins ----
  'nav.label': 'Main',
  'nav.board': 'Board',
  'nav.me': 'My OKRs',
  'nav.new': 'New objective',
  'nav.pending': 'check-ins waiting to be sent',
  'board.open': 'Open {title}',

  'form.save': 'Save',
  'form.cancel': 'Cancel',
  'form.close': 'Close',
  'form.saved': 'Saved.',
  'form.required': 'Required.',
  'form.notNumber': 'Enter a number.',
  'inline.edit': 'Edit {field}',
  'inline.editShort': 'Edit',

  'visibility.PUBLIC': 'Everyone',
  'visibility.TEAM': 'Team only',
  'visibility.PRIVATE': 'Private',

  'page.crumbs': 'Breadcrumb',
  'page.notFound': 'This objective does not exist or you cannot see it.',
  'page.noDescription': 'No description.',
  'page.editAll': 'Edit objective and key results',
  'page.editPublish': 'Edit, weigh and publish',
  'page.keyResults': 'Key results ({count})',
  'page.alignment': 'Alignment',
  'page.alignsTo': 'Aligns to',
  'page.noParent': 'Not aligned to another objective.',
  'page.convertedFrom': 'Converted from its key result “{title}”.',
  'page.children': 'Aligned to this ({count})',
  'page.noChildren': 'Nothing aligns to this objective yet.',

  'krx.target': 'target {value}',
  'krx.ceiling': 'ceiling ≤ {value}',
  'krx.band': 'band {min}–{max}',
  'krx.noDate': 'no date set',
  'krx.doneOrNot': 'done or not done',
  'krx.aspirational': 'Aspirational',
  'krx.over': 'Over-achieved: {pct} of the target',
  'krx.under': 'Below the start: {pct}',

  'chart.label': 'Value over time against the expected line: {count} check-ins, latest {value}',
  'chart.actual': 'Actual',
  'chart.expected': 'Expected',
  'history.title': 'Check-in history ({count})',
  'history.none': 'No check-ins yet.',

  'checkin.open': 'Check in',
  'checkin.title': 'Check in',
  'checkin.now': 'Now {value} · {target}',
  'checkin.isDone': 'Is it done?',
  'checkin.value': 'New value',
  'checkin.valueSlider': 'New value (slider)',
  'checkin.less': 'Decrease by {step}',
  'checkin.more': 'Increase by {step}',
  'checkin.noValue': 'Progress comes from tasks or aligned objectives: give your confidence and a note.',
  'checkin.confidence': 'Confidence',
  'checkin.confidenceText': '{value} out of 10',
  'checkin.conf0': 'will not happen',
  'checkin.conf10': 'certain',
  'checkin.confidenceRange': 'Confidence is a whole number from 0 to 10.',
  'checkin.note': 'Note',
  'checkin.notePlaceholder': 'What moved, what is in the way?',
  'checkin.submit': 'Save check-in',
  'checkin.submitOffline': 'Save on this device',
  'checkin.offlineHint': 'You are offline. The check-in is kept on this device and sent when you are back online.',
  'checkin.done': 'Checked in.',
  'checkin.queued': 'Saved on this device: it will be sent when you are back online.',

  'me.title': 'My OKRs',
  'me.empty': 'You have no objectives in this cycle.',
  'me.checkInOn': 'Check in on {title}',
  'me.fix': 'Fix and send again',
  'me.pending': 'Pending: {value} — not sent yet',
  'me.pendingNote': 'Pending check-in — not sent yet',
  'me.rejected': 'Not saved: {message}',
  'me.draft': 'Unsent draft',
  'me.offline': 'You are offline. Check-ins are kept on this device until you are back.',
  'me.outboxOffline': '{count} check-in(s) waiting for the connection.',
  'me.outboxOnline': '{count} check-in(s) waiting to be sent.',
  'me.sendNow': 'Send now',

  'editor.newTitle': 'New objective',
  'editor.editTitle': 'Edit objective',
  'editor.view': 'View the objective',
  'editor.objective': 'Objective',
  'editor.title': 'Title',
  'editor.titleHint': 'A direction in words; the numbers go in the key results.',
  'editor.description': 'Description',
  'editor.level': 'Level',
  'editor.visibility': 'Visible to',
  'editor.noTeam': 'No team',
  'editor.owner': 'Owner',
  'editor.ownerPick': 'Another owner: type a name',
  'editor.alignment': 'Alignment',
  'editor.parent': 'Parent objective',
  'editor.sourceKr': 'Key result to convert',
  'editor.choose': 'Choose…',
  'editor.create': 'Create draft',
  'editor.created': 'Draft created. Now add its key results.',
  'editor.nextStep': 'Once the draft exists you add key results, set their weights and publish.',
  'editor.addKr': 'Add a key result',
  'editor.newKr': 'New key result',
  'editor.archive': 'Archive',
  'editor.archiveKr': 'Archive {title}',
  'editor.publish': 'Publish',
  'editor.publishReady': 'Weights add up to 100%: ready to publish.',
  'editor.publishBlocked': 'Publishing needs at least one key result and weights that add up to 100%.',
  'editor.published': 'Published: it is on the board now.',
  'editor.isPublished': 'Published.',
  'editor.weightsSaved': 'Weights saved.',

  'align.none': 'Not aligned',
  'align.noneHint': 'A top-level objective.',
  'align.parent': 'Align to an objective',
  'align.parentHint': 'Take on your part of an objective of the level above.',
  'align.kr': 'Convert a key result',
  'align.krHint': 'Make a key result of the level above your objective.',

  'krf.title': 'Key result',
  'krf.kind': 'Kind',
  'krf.startValue': 'Start value',
  'krf.startRange': 'Value today',
  'krf.target': 'Target (above the start)',
  'krf.count': 'Target count',
  'krf.ceiling': 'Ceiling (below the start)',
  'krf.rangeMin': 'Band from',
  'krf.rangeMax': 'Band to',
  'krf.unit': 'Unit',
  'krf.unitPlaceholder': '%, users, h…',
  'krf.dueDate': 'Due date',
  'krf.milestoneDate': 'Milestone date',
  'krf.progressSource': 'Progress from',
  'krf.add': 'Add key result',
  'krf.save': 'Save key result',
  'source.MANUAL': 'Check-ins',
  'source.TASKS': 'Its tasks',
  'source.ALIGNED': 'Aligned objectives',

  'kindHint.BASELINE': 'set up a standard',
  'kindHint.INCREASE': 'grow a number',
  'kindHint.DECREASE': 'keep a number down',
  'kindHint.RANGE': 'stay within a band',
  'kindHint.COUNT': 'do something N times',
  'kindHint.MILESTONE': 'done by a date',
  'kindHint.MISSION': 'an inspiring stretch',

  'help.objectiveTitle': 'Questions for a good objective',
  'help.exampleTitle': 'Example — {kind}',

  'weights.title': 'Weights',
  'weights.lead': 'How much each key result counts toward the objective, in percent.',
  'weights.total': 'Total {sum}%',
  'weights.ready': 'ready to publish',
  'weights.notReady': 'must be 100% to publish',
  'weights.noKrs': 'add a key result first',
  'weights.even': 'Split evenly',
  'weights.save': 'Save weights',

  'hint.no_key_results': 'Add key results: they make the objective measurable.',
  'hint.weights_not_100': 'The weights do not add up to 100; progress is normalized until they do.',
  'people.label': 'People',
  'tasks.title': 'Tasks',
  'tasks.none': 'No tasks yet.',
  'tasks.new': 'Add a task…',
  'tasks.add': 'Add',
  'tasks.drives': 'This key result’s progress follows its tasks.',
  'tasks.markDone': 'Mark “{title}” done',
  'tasks.reopen': 'Reopen “{title}”',
  'tasks.statusOf': 'Status of “{title}”',
  'tasks.handle': 'Reorder “{title}”: drag, or press ↑ / ↓',
  'tasks.moved': '“{title}” moved to {n} of {count}.',
  'tasks.deleted': '“{title}” deleted.',
  'tasks.undo': 'Undo',
  'tasks.description': 'Description',
  'tasks.noDescription': 'No description.',
  'tasks.assignee': 'Assignee',
  'tasks.nobody': 'Nobody',
  'tasks.assign': 'Assign to…',
  'tasks.unassign': 'Unassign',
  'tasks.collaborators': 'Collaborators',
  'tasks.invite': 'Invite a collaborator…',
  'tasks.uninvite': 'Remove {name}',
  'tasks.due': 'Due',
  'tasks.up': 'Move up',
  'tasks.down': 'Move down',
  'tasks.delete': 'Delete',
  'taskStatus.TODO': 'To do',
  'taskStatus.DOING': 'Doing',
  'taskStatus.DONE': 'Done',
  'taskStatus.BLOCKED': 'Blocked',

  'comments.title': 'Comments',
  'comments.of': 'Comments on “{title}”',
  'comments.none': 'No comments yet.',
  'comments.add': 'Add a comment',
  'comments.placeholder': 'Write a comment… type @ to mention someone',
  'comments.hint': 'Ctrl + Enter to post',
  'comments.post': 'Comment',
  'comments.edit': 'Edit',
  'comments.delete': 'Delete',
  'comments.edited': '(edited)',
  'comments.confirmDelete': 'Delete this comment?',

  'note.bell': 'Notifications',
  'note.bellUnread': 'Notifications, {count} unread',
  'note.title': 'Notifications',
  'note.none': 'Nothing new.',
  'note.markAll': 'Mark all read',
  'note.markRead': 'Mark read',
  'note.settings': 'Notification settings',
  'note.notifyMe': 'Notify me when',
  'note.count': '({count} updates)',
  'note.gone': 'No longer visible to you',
  'note.MENTION': 'mentioned you',
  'note.ASSIGNMENT': 'assigned you a task',
  'note.COLLABORATOR': 'invited you to a task',
  'note.COMMENT': 'commented',
  'note.STATUS': 'changed a task’s status',
  'note.other': 'sent you a notification',
  'noteKind.MENTION': 'someone mentions me',
  'noteKind.ASSIGNMENT': 'a task is assigned to me',
  'noteKind.COLLABORATOR': 'I am invited to a task',
  'noteKind.COMMENT': 'someone comments on my work',
  'noteKind.STATUS': 'a task I am on changes status',
};

const zh = {
  'app.name': 'Lodestar',
  'app.tagline': '实时运行的 OKR。',
  'app.loading': '加载中…',
  'app.skip': '跳到正文',

  'lang.switch': 'English',
  'lang.switchLabel': '切换到英文',

  'signin.title': '登录',
  'signin.lead': '登录后查看团队的目标与关键结果。',
  'signin.email': '邮箱',
  'signin.password': '密码',
  'signin.submit': '登录',
  'signin.submitting': '正在登录…',
  'signin.missing': '请输入邮箱和密码。',

  'header.signOut': '退出登录',
  'header.signedInAs': '当前用户：{name}',

  'board.title': '看板',
  'board.cycle': '周期',
  'filter.search': '搜索目标、成员、关键结果',
  'filter.team': '团队',
  'filter.owner': '成员',
  'filter.status': '状态',
  'filter.anyTeam': '全部团队',
  'filter.anyOwner': '全部成员',
  'filter.anyStatus': '全部状态',
  'filter.clear': '清除筛选',
  'filter.noMatch': '没有符合筛选条件的目标。',
  'meeting.enter': '会议视图',
  'meeting.leave': '退出会议视图',
  'activity.title': '动态',
  'activity.empty': '暂无动态。',
  'activity.someone': '有人',
  'activity.kind.objective.created': '创建了目标',
  'activity.kind.objective.changed': '编辑了目标',
  'activity.kind.objective.aligned': '调整了对齐',
  'activity.kind.objective.published': '发布了目标',
  'activity.kind.objective.archived': '归档了目标',
  'activity.kind.objective.restored': '恢复了目标',
  'activity.kind.objective.weights_changed': '调整了权重',
  'activity.kind.key_result.created': '添加了关键结果',
  'activity.kind.key_result.changed': '编辑了关键结果',
  'activity.kind.key_result.archived': '归档了关键结果',
  'activity.kind.key_result.checked_in': '更新了进度',
  'activity.kind.task.created': '添加了任务',
  'activity.kind.task.changed': '更新了任务',
  'activity.kind.task.deleted': '删除了任务',
  'activity.kind.task.restored': '恢复了任务',
  'activity.kind.comment.added': '发表了评论',
  'activity.kind.comment.edited': '编辑了评论',
  'activity.kind.comment.deleted': '删除了评论',
  'board.expandAll': '全部展开',
  'board.collapseAll': '全部收起',
  'board.noCycles': '还没有周期，请管理员创建第一个周期。',
  'board.empty': '本周期还没有目标。',
  'board.loadFailed': '看板加载失败。',
  'board.retry': '重试',
  'board.summary': '{count} 个目标',
  'board.treeLabel': '从公司到团队到个人的目标对齐树',
  'board.expand': '展开 {title}',
  'board.collapse': '收起 {title}',
  'board.showKrsOf': '显示「{title}」的 {count} 个关键结果',
  'board.hideKrsOf': '隐藏「{title}」的关键结果',
  'board.krCount': '{count} 个 KR',
  'board.krCountOne': '1 个 KR',
  'board.krColumn': 'KR',
  'board.noKrs': '还没有关键结果。',
  'board.reasons': '原因：{reasons}',
  'board.draft': '草稿',
  'board.owner': '负责人',
  'board.team': '团队',
  'board.progress': '进度',
  'board.status': '状态',
  'board.objective': '目标',

  'level.COMPANY': '公司',
  'level.TEAM': '团队',
  'level.PERSONAL': '个人',

  'phase.DRAFTING': '圆桌会',
  'phase.ALIGNING': '共识会',
  'phase.TRACKING': '推进会',
  'phase.REVIEWING': '复盘会',
  'phase.CLOSED': '已关闭',

  'status.NOT_STARTED': '未开始',
  'status.ON_TRACK': '正常',
  'status.AT_RISK': '有风险',
  'status.BEHIND': '落后',
  'status.DONE': '已完成',

  'reason.BEHIND_SCHEDULE': '进度落后于预期',
  'reason.LOW_CONFIDENCE': '信心指数低',
  'reason.STALE': '长时间未更新',
  'reason.OVERDUE': '已逾期',

  'kind.BASELINE': '制定基准',
  'kind.INCREASE': '正向增长',
  'kind.DECREASE': '反向控制',
  'kind.RANGE': '数量区间',
  'kind.COUNT': '过程策略',
  'kind.MILESTONE': '确定里程碑',
  'kind.MISSION': '使命激励',

  'kr.weight': '权重 {weight}',
  'kr.value': '{current} / {target}',
  'kr.range': '{current}（目标 {min}–{max}）',
  'kr.done': '已完成',
  'kr.notDone': '未完成',
  'kr.due': '截止 {date}',
  'kr.confidence': '信心 {value}/10',
  'kr.from': '起始 {start}',
  'kr.expected': '预期 {pct}',

  'live.connecting': '正在连接…',
  'live.live': '实时',
  'live.reconnecting': '正在重新连接…',
  'live.catchingUp': '正在同步…',
  'live.caughtUp': '已同步',
  'live.hint.connecting': '正在连接实时更新。',
  'live.hint.live': '有变化会立即显示在这里。',
  'live.hint.reconnecting': '连接已断开，恢复后会补上期间的所有变化。',
  'live.hint.catchingUp': '已重新连接，正在补上断开期间的变化。',
  'live.hint.caughtUp': '断开期间的变化已全部显示。',

  'presence.count': '{count} 人在看',
  'presence.title': '正在查看此看板',
  'presence.label': '{count} 人正在查看此看板：{names}',

  'progress.label': '已完成 {pct}，按时间应完成 {expected}',
  'progress.labelNoExpected': '已完成 {pct}',

  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.server': '服务器返回错误（{status}）。',
  'error.unknown': '出错了。',

  // ---- 目标详情、OKR 编辑、我的 OKR 与签到 ----
  'nav.label': '主导航',
  'nav.board': '看板',
  'nav.me': '我的 OKR',
  'nav.new': '新建目标',
  'nav.pending': '条签到等待发送',
  'board.open': '打开「{title}」',

  'form.save': '保存',
  'form.cancel': '取消',
  'form.close': '关闭',
  'form.saved': '已保存。',
  'form.required': '必填。',
  'form.notNumber': '请输入数字。',
  'inline.edit': '编辑{field}',
  'inline.editShort': '编辑',

  'visibility.PUBLIC': '所有人可见',
  'visibility.TEAM': '仅团队可见',
  'visibility.PRIVATE': '仅自己可见',

  'page.crumbs': '位置',
  'page.notFound': '该目标不存在或你无权查看。',
  'page.noDescription': '暂无描述。',
  'page.editAll': '编辑目标与关键结果',
  'page.editPublish': '编辑、设置权重并发布',
  'page.keyResults': '关键结果（{count}）',
  'page.alignment': '对齐',
  'page.alignsTo': '对齐到',
  'page.noParent': '未对齐到其他目标。',
  'page.convertedFrom': '由其关键结果「{title}」转化而来。',
  'page.children': '对齐到此目标的（{count}）',
  'page.noChildren': '还没有目标对齐到这里。',

  'krx.target': '目标 {value}',
  'krx.ceiling': '上限 ≤ {value}',
  'krx.band': '区间 {min}–{max}',
  'krx.noDate': '未设日期',
  'krx.doneOrNot': '完成 / 未完成',
  'krx.aspirational': '使命激励',
  'krx.over': '超额完成：达到目标的 {pct}',
  'krx.under': '低于起始值：{pct}',

  'chart.label': '数值随时间变化与预期线对比：共 {count} 次签到，最新 {value}',
  'chart.actual': '实际',
  'chart.expected': '预期',
  'history.title': '签到记录（{count}）',
  'history.none': '还没有签到。',

  'checkin.open': '签到',
  'checkin.title': '签到',
  'checkin.now': '当前 {value} · {target}',
  'checkin.isDone': '完成了吗？',
  'checkin.value': '新数值',
  'checkin.valueSlider': '新数值（滑块）',
  'checkin.less': '减少 {step}',
  'checkin.more': '增加 {step}',
  'checkin.noValue': '进度来自任务或对齐的目标：请填写信心指数和备注。',
  'checkin.confidence': '信心指数',
  'checkin.confidenceText': '{value} / 10',
  'checkin.conf0': '不可能',
  'checkin.conf10': '十拿九稳',
  'checkin.confidenceRange': '信心指数是 0 到 10 的整数。',
  'checkin.note': '备注',
  'checkin.notePlaceholder': '有什么进展？遇到什么阻碍？',
  'checkin.submit': '提交签到',
  'checkin.submitOffline': '先保存在本设备',
  'checkin.offlineHint': '当前离线。签到会保存在本设备上，恢复联网后自动发送。',
  'checkin.done': '签到成功。',
  'checkin.queued': '已保存在本设备，恢复联网后自动发送。',

  'me.title': '我的 OKR',
  'me.empty': '你在这个周期还没有目标。',
  'me.checkInOn': '为「{title}」签到',
  'me.fix': '修改后重新发送',
  'me.pending': '待发送：{value}（尚未提交）',
  'me.pendingNote': '待发送的签到（尚未提交）',
  'me.rejected': '未保存：{message}',
  'me.draft': '有未提交的草稿',
  'me.offline': '当前离线。签到会先保存在本设备上。',
  'me.outboxOffline': '{count} 条签到等待联网后发送。',
  'me.outboxOnline': '{count} 条签到等待发送。',
  'me.sendNow': '立即发送',

  'editor.newTitle': '新建目标',
  'editor.editTitle': '编辑目标',
  'editor.view': '查看目标',
  'editor.objective': '目标',
  'editor.title': '标题',
  'editor.titleHint': '用文字描述方向，数字写进关键结果。',
  'editor.description': '描述',
  'editor.level': '层级',
  'editor.visibility': '可见范围',
  'editor.noTeam': '不指定团队',
  'editor.owner': '负责人',
  'editor.ownerPick': '更换负责人：输入姓名',
  'editor.alignment': '对齐',
  'editor.parent': '上级目标',
  'editor.sourceKr': '要转化的关键结果',
  'editor.choose': '请选择…',
  'editor.create': '创建草稿',
  'editor.created': '草稿已创建，接下来添加关键结果。',
  'editor.nextStep': '草稿创建后即可添加关键结果、设置权重并发布。',
  'editor.addKr': '添加关键结果',
  'editor.newKr': '新关键结果',
  'editor.archive': '归档',
  'editor.archiveKr': '归档「{title}」',
  'editor.publish': '发布',
  'editor.publishReady': '权重合计 100%，可以发布。',
  'editor.publishBlocked': '发布需要至少一个关键结果，且权重合计为 100%。',
  'editor.published': '已发布，看板上已经可以看到。',
  'editor.isPublished': '已发布。',
  'editor.weightsSaved': '权重已保存。',

  'align.none': '不对齐',
  'align.noneHint': '作为顶层目标。',
  'align.parent': '对齐上一层级的目标',
  'align.parentHint': '承担上级目标中属于你的那一部分。',
  'align.kr': '转化上一层级的关键结果',
  'align.krHint': '把上级的某个关键结果作为你的目标。',

  'krf.title': '关键结果',
  'krf.kind': '类型',
  'krf.startValue': '起始值',
  'krf.startRange': '当前值',
  'krf.target': '目标值（高于起始值）',
  'krf.count': '目标次数',
  'krf.ceiling': '上限（低于起始值）',
  'krf.rangeMin': '区间下限',
  'krf.rangeMax': '区间上限',
  'krf.unit': '单位',
  'krf.unitPlaceholder': '%、用户、小时…',
  'krf.dueDate': '截止日期',
  'krf.milestoneDate': '里程碑日期',
  'krf.progressSource': '进度来源',
  'krf.add': '添加关键结果',
  'krf.save': '保存关键结果',
  'source.MANUAL': '签到',
  'source.TASKS': '任务',
  'source.ALIGNED': '对齐的目标',

  'kindHint.BASELINE': '建立标准',
  'kindHint.INCREASE': '让数字增长',
  'kindHint.DECREASE': '把数字压下来',
  'kindHint.RANGE': '保持在区间内',
  'kindHint.COUNT': '完成 N 次',
  'kindHint.MILESTONE': '按期完成',
  'kindHint.MISSION': '鼓舞人心的挑战',

  'help.objectiveTitle': '好目标的几个问题',
  'help.exampleTitle': '示例 — {kind}',

  'weights.title': '权重',
  'weights.lead': '每个关键结果在目标中所占的比重（百分比）。',
  'weights.total': '合计 {sum}%',
  'weights.ready': '可以发布',
  'weights.notReady': '合计须为 100% 才能发布',
  'weights.noKrs': '请先添加关键结果',
  'weights.even': '平均分配',
  'weights.save': '保存权重',

  'hint.no_key_results': '添加关键结果，让目标可以衡量。',
  'hint.weights_not_100': '权重之和不是 100，调整前进度将按比例折算。',
  'people.label': '成员',
  'tasks.title': '任务',
  'tasks.none': '还没有任务。',
  'tasks.new': '添加任务…',
  'tasks.add': '添加',
  'tasks.drives': '此关键结果的进度由任务完成情况决定。',
  'tasks.markDone': '将“{title}”标为完成',
  'tasks.reopen': '重新打开“{title}”',
  'tasks.statusOf': '“{title}”的状态',
  'tasks.handle': '调整“{title}”的顺序：拖动，或按 ↑ / ↓',
  'tasks.moved': '“{title}”已移到第 {n} 位（共 {count} 个）。',
  'tasks.deleted': '已删除“{title}”。',
  'tasks.undo': '撤销',
  'tasks.description': '描述',
  'tasks.noDescription': '暂无描述。',
  'tasks.assignee': '负责人',
  'tasks.nobody': '未指派',
  'tasks.assign': '指派给…',
  'tasks.unassign': '取消指派',
  'tasks.collaborators': '协作者',
  'tasks.invite': '邀请协作者…',
  'tasks.uninvite': '移除 {name}',
  'tasks.due': '截止日期',
  'tasks.up': '上移',
  'tasks.down': '下移',
  'tasks.delete': '删除',
  'taskStatus.TODO': '待办',
  'taskStatus.DOING': '进行中',
  'taskStatus.DONE': '已完成',
  'taskStatus.BLOCKED': '受阻',

  'comments.title': '评论',
  'comments.of': '“{title}”的评论',
  'comments.none': '还没有评论。',
  'comments.add': '添加评论',
  'comments.placeholder': '写评论… 输入 @ 提及同事',
  'comments.hint': 'Ctrl + Enter 发送',
  'comments.post': '发表',
  'comments.edit': '编辑',
  'comments.delete': '删除',
  'comments.edited': '（已编辑）',
  'comments.confirmDelete': '删除这条评论？',

  'note.bell': '通知',
  'note.bellUnread': '通知，{count} 条未读',
  'note.title': '通知',
  'note.none': '没有新消息。',
  'note.markAll': '全部标为已读',
  'note.markRead': '标为已读',
  'note.settings': '通知设置',
  'note.notifyMe': '以下情况通知我',
  'note.count': '（{count} 次更新）',
  'note.gone': '你已无权查看',
  'note.MENTION': '提到了你',
  'note.ASSIGNMENT': '给你指派了任务',
  'note.COLLABORATOR': '邀请你协作任务',
  'note.COMMENT': '发表了评论',
  'note.STATUS': '更新了任务状态',
  'note.other': '给你发来通知',
  'noteKind.MENTION': '有人 @ 我',
  'noteKind.ASSIGNMENT': '有任务指派给我',
  'noteKind.COLLABORATOR': '我被邀请协作任务',
  'noteKind.COMMENT': '有人评论我的工作',
  'noteKind.STATUS': '我参与的任务状态变化',
};

export const DICTS = { en, 'zh-CN': zh };

export function normalizeLang(value) {
  if (!value) return null;
  const v = String(value).toLowerCase();
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return null;
}

function savedLang() {
  try {
    return normalizeLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function initialLang() {
  const saved = savedLang();
  if (saved) return saved;
  const nav = typeof navigator !== 'undefined' ? navigator.language || '' : '';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const lang = signal(initialLang());

/** True when the user picked a language on this device (it wins over the server's). */
export function hasSavedLang() {
  return savedLang() !== null;
}

/** Switch language; `remember` stores the choice on this device. */
export function setLang(next, remember = true) {
  const l = normalizeLang(next) || 'en';
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }
  lang.value = l;
}

if (typeof document !== 'undefined') {
  effect(() => {
    document.documentElement.lang = lang.value;
    document.title = t('app.name');
  });
}

/** Translate `key`, filling `{name}` placeholders from `params`. */
export function t(key, params) {
  const dict = DICTS[lang.value] || en;
  let s = dict[key] ?? en[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

// Intl formatters are costly to build: cache one per locale and option set.
const cache = new Map();
function fmt(kind, options) {
  const key = kind + lang.value + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = kind === 'n' ? new Intl.NumberFormat(lang.value, options) : new Intl.DateTimeFormat(lang.value, options);
    cache.set(key, f);
  }
  return f;
}

/** 0.423 → "42%" */
export function formatPercent(p) {
  return fmt('n', { style: 'percent', maximumFractionDigits: 0 }).format(Number.isFinite(p) ? p : 0);
}

/** Plain numbers (KR values, weights) with up to two decimals. */
export function formatNumber(n) {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return '–';
  return fmt('n', { maximumFractionDigits: 2 }).format(Number(n));
}

/** ISO date "2025-03-31" → localized date, without timezone shifts. */
export function formatDate(iso, options = { year: 'numeric', month: 'short', day: 'numeric' }) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return String(iso);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return fmt('d', { ...options, timeZone: 'UTC' }).format(d);
}

/** A list of phrases joined per locale: "a, b and c" / "a、b和c". */
export function formatList(items) {
  if (typeof Intl.ListFormat === 'function') {
    const key = 'l' + lang.value;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.ListFormat(lang.value, { type: 'conjunction' })));
    return f.format(items);
  }
  return items.join(', ');
}
