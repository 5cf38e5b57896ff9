from . import property_survey_campaign_demo
