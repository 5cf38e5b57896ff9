{
    "name": "Property Handover",
    "summary": "Takeover acceptance from the developer, rectification of defects, "
    "document handover and unit delivery to owners",
    "version": "19.0.1.0.0",
    "category": "Property Management",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    # property_helpdesk (on helpdesk_mgmt) is AGPL-3: a module built on it follows.
    "license": "AGPL-3",
    "depends": ["property_base", "property_helpdesk", "mail", "portal"],
    "data": [
        "security/property_handover_security.xml",
        "security/ir.model.access.csv",
        "data/property_handover_data.xml",
        "data/property_handover_checklist_data.xml",
        "views/property_handover_checklist_views.xml",
        "views/property_handover_line_views.xml",
        "views/property_handover_defect_views.xml",
        "views/property_handover_document_views.xml",
        "views/property_handover_project_views.xml",
        "views/property_handover_delivery_views.xml",
        "views/property_unit_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/property_handover_menus.xml",
        "views/portal_templates.xml",
        "report/property_handover_report.xml",
    ],
    "demo": [
        "demo/property_handover_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "property_handover/static/src/scss/portal.scss",
        ],
        "web.assets_tests": [
            "property_handover/static/tests/tours/**/*",
        ],
    },
    "application": False,
    "installable": True,
}
