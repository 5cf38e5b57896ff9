from . import (
    property_estate,
    property_kpi,
    property_survey_answer_report,
    property_survey_campaign,
    property_survey_invitation,
    property_vote,
    property_vote_ballot,
    property_vote_ballot_line,
    property_vote_motion,
    survey_user_input,
)
