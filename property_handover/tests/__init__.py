from . import (
    test_bad_input,
    test_defect,
    test_delivery,
    test_delivery_ticket,
    test_document,
    test_line_generation,
    test_portal,
    test_portal_owner_phone,
    test_project_closing,
    test_report,
    test_security,
    test_tour_inspection,
    test_tour_portal_handover,
)
from . import test_checklist_templates
from . import test_tour_dashboard_handover
