from . import (
    test_event,
    test_event_portal,
    test_owner_meeting,
    test_survey,
    test_survey_portal,
    test_tour_portal_event,
    test_tour_portal_vote,
    test_vote_bad_input,
    test_vote_count,
    test_vote_portal,
    test_vote_report,
    test_vote_security,
)
