{
    "name": "Property Management",
    "summary": "Estates, buildings, units, owners, residents, move-in, notices, owner portal",
    "version": "19.0.1.0.0",
    "category": "Property Management",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    "license": "LGPL-3",
    "depends": ["mail", "portal", "resource"],
    "data": [
        "security/property_base_security.xml",
        "security/ir.model.access.csv",
        "data/property_base_data.xml",
        "views/property_estate_views.xml",
        "views/property_unit_views.xml",
        "views/property_common_area_views.xml",
        "views/property_move_in_views.xml",
        "views/property_notice_views.xml",
        "views/res_partner_views.xml",
        "views/property_meter_views.xml",
        "views/property_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/property_demo.xml",
        "demo/property_common_area_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "property_base/static/src/scss/portal.scss",
        ],
        "web.assets_tests": [
            "property_base/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
