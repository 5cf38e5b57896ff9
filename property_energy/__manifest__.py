{
    "name": "Property Energy",
    "summary": "Energy saving (节能降耗): consumption targets and budgets per estate and meter, "
    "cost from the shared supplier bills, variance against target and last year",
    "version": "19.0.1.0.0",
    "category": "Property Management",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    # Built on property_maintenance and property_billing, which are AGPL-3.
    "license": "AGPL-3",
    # The link between the energy of the maintenance side and the supplier
    # bills shared by billing: installed with both.
    "depends": ["property_maintenance", "property_billing"],
    "auto_install": True,
    "data": [
        "security/property_energy_security.xml",
        "security/ir.model.access.csv",
        "views/property_energy_target_views.xml",
        "views/property_meter_views.xml",
        "report/property_energy_report_views.xml",
        "views/property_energy_menus.xml",
    ],
    "demo": [
        "demo/property_energy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "property_energy/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
