from datetime import timedelta

from odoo import Command, fields

from .common import VoteCommon


class SurveyCommon(VoteCommon):
    """Satisfaction-survey fixture (on top of the vote fixture's estates):

    ``estate`` "PCT Estate Osmanthus"
        building (1): unit_1 owner_a, tenant; unit_2 co-owners owner_b + owner_c (50/50)
        building_2 (2): unit_3 owner_a (a second unit); unit_4 no owner
    ``estate_other`` "PCT Estate Plum": unit_other owner_d
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_partner("PCT Survey Owner A", "a@example.com")
        cls.owner_b = cls._create_partner("PCT Survey Owner B", "b@example.com")
        cls.owner_c = cls._create_partner("PCT Survey Owner C")
        cls.owner_d = cls._create_partner("PCT Survey Owner D", "d@example.com")
        cls.tenant = cls._create_partner("PCT Survey Tenant", "t@example.com")
        cls.building_2 = cls._create_building(cls.estate, "PCT Block 2", "2")
        cls.unit_1 = cls._owned_unit([cls.owner_a], 90.0)
        cls._create_occupancy(cls.unit_1, cls.tenant, "2024-01-01")
        cls.unit_2 = cls._owned_unit([cls.owner_b, cls.owner_c], 100.0)
        cls.unit_3 = cls._owned_unit([cls.owner_a], 80.0, building=cls.building_2)
        cls.unit_4 = cls._owned_unit([], 70.0, building=cls.building_2)
        cls.unit_other = cls._owned_unit([cls.owner_d], 60.0, building=cls.building_other)
        cls.survey = cls.env.ref("property_community.survey_property_satisfaction")
        cls.q_overall = cls.env.ref("property_community.survey_property_satisfaction_q_overall")
        cls.q_repair = cls.env.ref("property_community.survey_property_satisfaction_q_repair")

    @classmethod
    def _campaign(cls, estates=None, **values):
        return cls.env["property.survey.campaign"].create(
            {
                "name": "PCT Annual survey",
                "survey_id": cls.survey.id,
                "overall_question_id": cls.q_overall.id,
                "estate_ids": [Command.set((estates or cls.estate).ids)],
                "deadline": fields.Datetime.now() + timedelta(days=14),
                **values,
            }
        )

    def _answer(self, invitation, marks):
        """Answer the invitation's questionnaire: ``marks`` {question: 1..5},
        every other scale question 3."""
        user_input = invitation.user_input_id
        for question in self.survey.question_ids.filtered(lambda q: q.question_type == "scale"):
            user_input._save_lines(question, str(marks.get(question, 3)))
        user_input._mark_done()
        return user_input
