{
    "name": "Property Billing",
    "summary": "Fee items, meters and readings, monthly billing runs, late fees, prepayments, "
    "arrears — on Odoo Accounting",
    "version": "19.0.1.0.0",
    "category": "Property Management",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    # report_xlsx (the arrears export) is AGPL-3: a module built on it follows.
    "license": "AGPL-3",
    "depends": [
        "property_base",
        "account",
        "account_payment",
        "payment_custom",
        "report_xlsx",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/property_billing_security.xml",
        "security/ir.model.access.csv",
        "data/property_billing_data.xml",
        "data/mail_template_data.xml",
        "views/property_fee_item_views.xml",
        "views/property_meter_reading_views.xml",
        "views/property_billing_period_views.xml",
        "views/property_billing_run_views.xml",
        "views/property_late_fee_views.xml",
        "views/res_config_settings_views.xml",
        "report/property_receipt_report.xml",
        "report/property_bill_report.xml",
        "report/property_arrears_report_views.xml",
        "report/arrears_xlsx.xml",
        "views/account_move_views.xml",
        "views/property_unit_views.xml",
        "views/property_billing_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/property_billing_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "property_billing/static/src/scss/portal_bills.scss",
        ],
        "web.report_assets_common": [
            "property_billing/static/src/scss/report.scss",
        ],
        "web.assets_tests": [
            "property_billing/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
