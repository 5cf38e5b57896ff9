import babel.dates

from odoo import models
from odoo.tools import get_lang

# Dates of groups (pivots, graphs, grouped lists) as a Chinese reader writes
# them: 2026年11月, 2026年第4季度, 2026年11月1日. Odoo's own patterns ("MMMM yyyy")
# give 十一月 2026 in Chinese; the CLDR skeletons give each language its form.
CHINESE_GROUP_SKELETONS = {"day": "yMMMd", "month": "yMMMM", "quarter": "yQQQ"}


class Base(models.AbstractModel):
    _inherit = "base"

    def _web_read_group_groupby_formatter(self, groupby_spec, values):
        formatter = super()._web_read_group_groupby_formatter(groupby_spec, values)
        granularity = groupby_spec.rpartition(":")[2]
        locale = get_lang(self.env).code
        skeleton = CHINESE_GROUP_SKELETONS.get(granularity)
        if not skeleton or not locale.startswith("zh") or ":" not in groupby_spec:
            return formatter

        def formatter_chinese_date(value):
            result, domain = formatter(value)
            if value and isinstance(result, tuple) and hasattr(value, "year"):
                result = (result[0], babel.dates.format_skeleton(skeleton, value, locale=locale))
            return result, domain

        return formatter_chinese_date
