// Writing help, shown beside what you type: questions that lead to a good objective, and one
// worked example per kind of key result. Our own wording, after the method in DESIGN.md
// (align rather than decompose; seven kinds of key result), in both languages.
import { html } from 'htm/preact';
import { lang, t } from '../i18n/index.js';

const QUESTIONS = {
  en: [
    'Which contribution does the company most need from you in this cycle?',
    'What result would make your manager call this quarter a success?',
    'Whose key results — your lead’s, a colleague’s — could you help move?',
    'If you had to win funding for this goal, is it bold and clear enough to get it?',
    'What would a top expert in your role set out to achieve right now?',
    'What is the one thing that most needs to get better this cycle?',
    'Why does your main work this quarter matter, and what should it change?',
  ],
  'zh-CN': [
    '这个周期，公司最需要你在哪方面做出贡献？',
    '取得什么成果，你的上级会认为这个季度是成功的？',
    '你能帮助上级或同事的哪些关键结果向前推进？',
    '如果要为这个目标争取资源，它是否足够大胆、清晰，值得投入？',
    '换成这个岗位上最出色的专家，此刻会给自己定什么目标？',
    '本周期最需要改善的一件事是什么？',
    '本季度的重点工作为什么重要？它要带来什么改变？',
  ],
};

const TIPS = {
  en: 'Write the objective as a direction people want to follow, in words, not numbers — the numbers belong in the key results. Align with the level above: take on the part that is yours, or turn one of its key results into your objective.',
  'zh-CN':
    '目标用文字描述一个让人愿意追随的方向，而不是数字——数字留给关键结果。与上一层级对齐：承担属于你的那一部分，或把上级的某个关键结果转化为你的目标。',
};

// kind → [example key result, how to fill the form]
const EXAMPLES = {
  en: {
    BASELINE: ['Agree and publish the code-review checklist every team uses', 'Done or not done; add a due date if it has one.'],
    INCREASE: ['Grow weekly active users from 8,000 to 10,000', 'Start 8000 · target 10000 · unit users'],
    DECREASE: ['Bring monthly churn from 6% down to 4% or less', 'Start 6 · target (ceiling) 4 · unit %'],
    RANGE: ['Keep first-response time between 2 and 4 hours (today: 9)', 'Range 2–4 · start 9 · unit h'],
    COUNT: ['Hold 20 customer discovery calls', 'Start 0 · target 20 · unit calls'],
    MILESTONE: ['Beta in the hands of five pilot customers by 15 November', 'Due date 15 Nov; done or not done.'],
    MISSION: ['Nine in ten customers would recommend us to a friend', 'Start 60 · target 90 · unit % — aspirational: 0.7 is a fine score.'],
  },
  'zh-CN': {
    BASELINE: ['制定并发布各团队统一使用的代码评审清单', '只有完成 / 未完成；如有截止日期请填写。'],
    INCREASE: ['周活跃用户从 8,000 增长到 10,000', '起始值 8000 · 目标值 10000 · 单位 用户'],
    DECREASE: ['月流失率从 6% 降到 4% 以内', '起始值 6 · 目标值（上限）4 · 单位 %'],
    RANGE: ['首次响应时间保持在 2–4 小时之间（目前为 9 小时）', '区间 2–4 · 起始值 9 · 单位 小时'],
    COUNT: ['完成 20 次客户访谈', '起始值 0 · 目标值 20 · 单位 次'],
    MILESTONE: ['11 月 15 日前把测试版交到 5 家试点客户手中', '截止日期 11 月 15 日；完成 / 未完成。'],
    MISSION: ['让十分之九的客户愿意把我们推荐给朋友', '起始值 60 · 目标值 90 · 单位 % —— 激励型目标，得分 0.7 即很好。'],
  },
};

const pick = (table) => table[lang.value] || table.en;

/** The questions for a good objective (beside the objective's title and description). */
export function ObjectiveHelp({ id = 'help-objective' }) {
  // open beside the form on wide screens; one tap away under the fields on a phone
  const wide = typeof matchMedia === 'function' && matchMedia('(min-width: 900px)').matches;
  return html`<details class="help" id=${id} open=${wide}>
    <summary class="help-title">${t('help.objectiveTitle')}</summary>
    <ul class="help-list">
      ${pick(QUESTIONS).map((q) => html`<li>${q}</li>`)}
    </ul>
    <p class="help-tip">${pick(TIPS)}</p>
  </details>`;
}

/** One worked example for the kind being written (under the kind picker). */
export function KindExample({ kind, id }) {
  const ex = pick(EXAMPLES)[kind];
  if (!ex) return null;
  return html`<div class="help help-kind" id=${id}>
    <p class="help-title">${t('help.exampleTitle', { kind: t('kind.' + kind) })}</p>
    <p class="help-example">“${ex[0]}”</p>
    <p class="help-tip">${ex[1]}</p>
  </div>`;
}
