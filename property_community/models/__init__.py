from . import (
    property_estate,
    property_vote,
    property_vote_ballot,
    property_vote_ballot_line,
    property_vote_motion,
)
