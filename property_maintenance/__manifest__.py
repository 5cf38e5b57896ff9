{
    "name": "Property Maintenance",
    "summary": "Equipment ledger, statutory inspections, preventive plans, patrols, "
    "fault repair and energy of the estates, on Odoo Maintenance",
    "version": "19.0.1.0.0",
    "category": "Property Management",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    # property_helpdesk (on helpdesk_mgmt) is AGPL-3: a module built on it follows.
    "license": "AGPL-3",
    "depends": ["property_base", "property_helpdesk", "maintenance", "report_xlsx"],
    "data": [
        "security/property_maintenance_security.xml",
        "security/ir.model.access.csv",
        "data/property_maintenance_data.xml",
        "data/property_maintenance_plan_template_data.xml",
        "views/maintenance_equipment_views.xml",
        "views/property_equipment_inspection_views.xml",
        "views/property_maintenance_plan_views.xml",
        "views/property_maintenance_plan_template_views.xml",
        "views/maintenance_request_views.xml",
        "views/property_patrol_views.xml",
        "views/property_meter_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/property_maintenance_menus.xml",
        "report/equipment_ledger_xlsx.xml",
        "report/plan_compliance_xlsx.xml",
    ],
    "demo": [
        "demo/property_maintenance_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "property_maintenance/static/tests/tours/**/*",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
