{
    "name": "Property Helpdesk",
    "summary": "Repair requests, complaints and inquiries of owners with SLA rules, dispatch, "
    "escalation, confirmation, rating and follow-up visits",
    "version": "19.0.1.1.0",
    "category": "Property Management",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    # helpdesk_mgmt is AGPL-3: a module built on it is distributed under the same licence.
    "license": "AGPL-3",
    "depends": ["property_base", "helpdesk_mgmt"],
    "data": [
        "security/property_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "data/property_helpdesk_data.xml",
        "data/resource_calendar_data.xml",
        "data/cn_public_holidays_2026.xml",
        "data/property_helpdesk_defaults.xml",
        "data/ir_cron_data.xml",
        "wizard/property_helpdesk_dispatch_wizard_views.xml",
        "wizard/property_helpdesk_reason_wizard_views.xml",
        "wizard/property_helpdesk_follow_up_wizard_views.xml",
        "wizard/property_helpdesk_sla_start_wizard_views.xml",
        "views/property_helpdesk_sla_rule_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/property_helpdesk_ticket_report_views.xml",
        "views/res_config_settings_views.xml",
        "views/resource_calendar_views.xml",
        "views/property_helpdesk_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/property_helpdesk_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "property_helpdesk/static/src/scss/portal.scss",
            "property_helpdesk/static/src/interactions/**/*",
        ],
        "web.assets_tests": [
            "property_helpdesk/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
