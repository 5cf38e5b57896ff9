{
    "name": "Property Community",
    "summary": "Owner relations: owners' assembly votes counted under the Civil Code "
    "(art. 278), satisfaction surveys, community activities, owners' forums",
    "version": "19.0.1.0.0",
    "category": "Property Management",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    "license": "LGPL-3",
    "depends": ["property_base", "survey", "event"],
    "data": [
        "security/property_community_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/survey_data.xml",
        "data/mail_template_data.xml",
        "views/property_vote_views.xml",
        "views/property_vote_ballot_views.xml",
        "views/property_estate_views.xml",
        "views/property_survey_views.xml",
        "views/event_event_views.xml",
        "views/property_owner_meeting_views.xml",
        "views/property_community_menus.xml",
        "views/portal_templates.xml",
        "report/property_vote_report.xml",
    ],
    "demo": [
        "demo/property_vote_demo.xml",
        "demo/property_survey_demo.xml",
        "demo/event_event_demo.xml",
        "demo/property_owner_meeting_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "property_community/static/src/scss/portal.scss",
        ],
        "web.assets_tests": [
            "property_community/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
