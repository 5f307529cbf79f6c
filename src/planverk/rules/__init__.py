"""The rules, one module each, registered in one list.

Adding a rule: write one module with a docstring (what it checks, a FAIL and a PASS
example), a ``check`` function and ``RULE``, and add it to ``RULES`` below.
"""

from __future__ import annotations

from planverk.rules import (
    pv001_syntax,
    pv002_duplicate_key,
    pv003_encoding,
    pv004_alias,
    pv005_empty_file,
    pv006_kind,
    pv007_unreadable,
    pv008_duplicate_plan,
    pv009_project_file,
    pv010_unknown_key,
    pv011_missing_key,
    pv012_invalid_value,
    pv013_rule_setting,
    pv101_activity_goal,
    pv102_action_reference,
    pv103_unknown_body,
    pv104_duplicate_id,
    pv201_year_without_vp,
    pv202_overlapping_vp,
    pv203_goal_without_activity,
    pv204_activity_without_action,
    pv301_status,
    pv302_status_needs_comment,
    pv303_living_plan_follow_up,
    pv304_glossary,
    pv305_placeholder,
    pv306_date_outside_year,
    pv307_control_characters,
    pv308_unknown_period,
    pv309_report_date,
    pv310_duplicate_report,
    pv311_report_without_result,
    pv312_status_differs_from_report,
    pv313_follow_up_periods,
    pv401_heading_levels,
    pv402_missing_style,
    pv403_link_text,
)
from planverk.rules.base import Context, Rule

RULES: tuple[Rule, ...] = (
    pv001_syntax.RULE,
    pv002_duplicate_key.RULE,
    pv003_encoding.RULE,
    pv004_alias.RULE,
    pv005_empty_file.RULE,
    pv006_kind.RULE,
    pv007_unreadable.RULE,
    pv008_duplicate_plan.RULE,
    pv009_project_file.RULE,
    pv010_unknown_key.RULE,
    pv011_missing_key.RULE,
    pv012_invalid_value.RULE,
    pv013_rule_setting.RULE,
    pv101_activity_goal.RULE,
    pv102_action_reference.RULE,
    pv103_unknown_body.RULE,
    pv104_duplicate_id.RULE,
    pv201_year_without_vp.RULE,
    pv202_overlapping_vp.RULE,
    pv203_goal_without_activity.RULE,
    pv204_activity_without_action.RULE,
    pv301_status.RULE,
    pv302_status_needs_comment.RULE,
    pv303_living_plan_follow_up.RULE,
    pv304_glossary.RULE,
    pv305_placeholder.RULE,
    pv306_date_outside_year.RULE,
    pv307_control_characters.RULE,
    pv308_unknown_period.RULE,
    pv309_report_date.RULE,
    pv310_duplicate_report.RULE,
    pv311_report_without_result.RULE,
    pv312_status_differs_from_report.RULE,
    pv313_follow_up_periods.RULE,
    pv401_heading_levels.RULE,
    pv402_missing_style.RULE,
    pv403_link_text.RULE,
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}

__all__ = ["BY_CODE", "RULES", "Context", "Rule"]
