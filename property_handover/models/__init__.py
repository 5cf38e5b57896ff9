from . import (
    property_handover_checklist,
    property_handover_checklist_item,
    property_handover_check_mixin,
    property_handover_project,
    property_handover_line,
    property_handover_defect,
    property_handover_document,
    property_handover_delivery,
    property_handover_delivery_line,
    property_unit,
    helpdesk_ticket,
)
from . import property_kpi
