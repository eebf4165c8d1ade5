"""An objective's activity feed shows who changed what."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.helpers import open_board

pytestmark = pytest.mark.e2e

FIRST_MANUAL_KR = """async () => {
  const post = (query, variables) => fetch('/graphql', {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify({query, variables})})
    .then(r => r.json());
  const cycles = (await post('{ cycles { id phase startsOn } }')).data.cycles
    .filter(c => c.phase === 'TRACKING').sort((a, b) => a.startsOn < b.startsOn ? 1 : -1);
  const objs = (await post('query($c: ID!) { objectives(cycleId: $c) { id keyResults { id kind'
    + ' progressSource startValue targetValue } } }', {c: cycles[0].id})).data.objectives;
  for (const o of objs) for (const k of o.keyResults)
    if (k.kind === 'INCREASE' && k.progressSource === 'MANUAL') {
      const value = (k.startValue + k.targetValue) / 2;
      const r = await post('mutation($i: CheckInInput!) { checkIn(input: $i) { id } }',
        {i: {keyResultId: k.id, value, note: 'activity feed note'}});
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return o.id;
    }
}"""


def test_a_check_in_appears_in_the_objectives_activity(new_page: Any) -> None:
    page = new_page(width=1280, height=900)
    open_board(page)
    objective_id = page.evaluate(FIRST_MANUAL_KR)
    page.goto(f"/objective/{objective_id}")
    entry = page.locator(".activity-feed li", has_text="activity feed note").first
    entry.wait_for()
    assert "Admin" in entry.inner_text()
    # the entry shows the time it happened, not midnight of its day
    time = entry.locator("time")
    hh_mm = time.evaluate(
        "el => new Intl.DateTimeFormat(document.documentElement.lang || 'en',"
        " {hour: '2-digit', minute: '2-digit'}).format(new Date(el.dateTime))"
    )
    assert hh_mm in time.inner_text()
