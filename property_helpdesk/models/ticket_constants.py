"""Values shared by the helpdesk ticket files, the SLA rules, the categories,
the users and the KPI report of property_helpdesk."""

TICKET_KINDS = [
    ("repair", "Repair"),
    ("complaint", "Complaint"),
    ("inquiry", "Inquiry"),
    ("suggestion", "Suggestion"),
]
TICKET_PRIORITIES = [
    ("0", "Low"),
    ("1", "Medium"),
    ("2", "High"),
    ("3", "Very High"),
]
# Where a ticket is: a unit or a common area (a ticket about a place, which
# belongs to an estate), or nowhere in particular (an internal ticket).
LOCATION_TYPES = [
    ("unit", "Unit"),
    ("common", "Common Area"),
    ("none", "No Place"),
]
PLACE_LOCATION_TYPES = ("unit", "common")
# Service steps in which a ticket is still the team's to handle.
ACTIVE_STATES = ("new", "progress")
# Service steps of a ticket that is not finished for the SLA clock.
OPEN_STATES = ("new", "progress", "waiting")
SLA_STATUSES = [
    ("none", "No SLA"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("paused", "Paused"),
    ("met", "Met"),
]
PHOTO_MIMETYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp")
DEFAULT_PHOTO_MAX_MB = 10
DEFAULT_PHOTO_MAX_COUNT = 9
DEFAULT_AUTO_CLOSE_DAYS = 3
# Days after closing during which an owner may reopen a ticket.
DEFAULT_REOPEN_DAYS = 7
DEFAULT_FOLLOW_UP_DAYS = 2
# Tickets a cron handles per committed batch.
CRON_BATCH = 1000

# Values that the SLA clock, the rules and the workflow compute: the system
# writes them (through sudo()), nobody by hand, over RPC neither.
SYSTEM_FIELDS = frozenset(
    {
        "sla_rule_id",
        "sla_start_date",
        "sla_paused_since",
        "response_deadline",
        "resolution_deadline",
        "response_warning_date",
        "resolution_warning_date",
        "first_response_date",
        "response_breached",
        "resolution_breached",
        "escalation_level",
        "escalation_next_date",
        "response_time_hours",
        "resolution_time_hours",
        "resolved_on_time",
        "work_done_date",
        "awaiting_confirmation_since",
        "reopen_count",
        "first_closed_date",
        "reopened_date",
        "response_work_hours",
        "resolution_work_hours",
        "sla_pause_ids",
        # The quality check, the owner's confirmation and rating and the
        # follow-up visit are recorded by their actions: the KPIs count them.
        "qc_state",
        "qc_user_id",
        "qc_date",
        "closing_mode",
        "reopen_reason",
        "owner_rating",
        "owner_rating_comment",
        "owner_rating_date",
        "follow_up_state",
        "follow_up_result",
        "follow_up_note",
        "follow_up_date",
        "follow_up_user_id",
    }
)
# What field staff (technicians without a desk role) may change on the tickets
# dispatched to them: the progress and the result of their work. The ticket
# itself, its place, its reporter and its assignment are the desk's.
FIELD_STAFF_FIELDS = frozenset(
    {
        "stage_id",
        "work_description",
        "material_ids",
        "photo_ids",
        "location_note",
        "message_main_attachment_id",
    }
)
# Service steps field staff move their tickets to.
FIELD_STAFF_STATES = ("progress", "waiting", "done")
