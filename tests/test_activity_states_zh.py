from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestActivityStatesInChinese(TransactionCase):
    """The activity state (逾期 / 今天 / 已安排) and exception decoration of
    every model a property user works in read in Chinese, as they do on
    contacts: their selection values belong to ``mail``, whose translation
    covers only its own models; the property modules ship the rest."""

    def test_activity_selections_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        property_models = {
            model
            for model in self.env.registry
            if model.startswith("property.")
            or model in ("helpdesk.ticket", "maintenance.request", "maintenance.equipment")
            or model == "account.move"
        }
        checked = 0
        for model in sorted(property_models):
            Model = self.env[model]
            if Model._abstract or "activity_state" not in Model._fields:
                continue
            described = Model.with_context(lang="zh_CN").fields_get(
                ["activity_state", "activity_exception_decoration"], ["selection"]
            )
            self.assertEqual(
                dict(described["activity_state"]["selection"]),
                {"overdue": "逾期", "today": "今天", "planned": "已安排"},
                model,
            )
            self.assertEqual(
                dict(described["activity_exception_decoration"]["selection"]),
                {"warning": "警报", "danger": "错误"},
                model,
            )
            checked += 1
        self.assertGreaterEqual(checked, 14)
