from odoo.tests import tagged

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestGroupLabels(PropertyCase):
    """Lists, pivots and graphs grouped by a date read as a Chinese user
    writes dates (2026年3月, 2026年第1季度, 2026年3月5日), and unchanged in
    English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        estate = cls._create_estate("PGL Garden", "PGL")
        building = cls._create_building(estate, "PGL T1", "1")
        cls.unit = cls._create_unit(building, "101")
        cls.owner = cls._create_partner("PGL 王芳")
        cls._create_ownership(cls.unit, cls.owner, "2026-03-05")
        cls.domain = [("unit_id", "=", cls.unit.id)]

    def _labels(self, lang, groupby):
        result = (
            self.env["property.ownership"]
            .with_context(lang=lang)
            .web_read_group(self.domain, [groupby], ["__count"])
        )
        return [group[groupby][1] for group in result["groups"]]

    def test_chinese(self):
        self.assertEqual(self._labels("zh_CN", "date_start:month"), ["2026年3月"])
        self.assertEqual(self._labels("zh_CN", "date_start:quarter"), ["2026年第1季度"])
        self.assertEqual(self._labels("zh_CN", "date_start:day"), ["2026年3月5日"])
        self.assertEqual(self._labels("zh_CN", "date_start:year"), ["2026"])
        # A datetime, in the reader's time zone.
        labels = (
            self.env["property.ownership"]
            .with_context(lang="zh_CN", tz="Asia/Shanghai")
            .web_read_group(self.domain, ["create_date:month"], ["__count"])["groups"]
        )
        self.assertRegex(labels[0]["create_date:month"][1], r"^\d{4}年\d{1,2}月$")

    def test_english_unchanged(self):
        self.assertEqual(self._labels("en_US", "date_start:month"), ["March 2026"])
        self.assertEqual(self._labels("en_US", "date_start:quarter"), ["Q1 2026"])
