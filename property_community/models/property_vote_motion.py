from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_vote import reaches

#: The matters of art. 278 of the Civil Code the owners decide together.
MATTERS = [
    ("rules", "1. Rules of procedure of the assembly"),
    ("statute", "2. Management statute"),
    ("committee", "3. Electing or replacing the owners' committee"),
    ("manager", "4. Hiring or dismissing the property manager"),
    ("fund_use", "5. Using the maintenance fund"),
    ("fund_raise", "6. Raising the maintenance fund"),
    ("rebuild", "7. Rebuilding or reconstructing buildings and facilities"),
    ("common_use", "8. Changing the use of common parts or running business with them"),
    ("other", "9. Other major matters of the common parts"),
]

#: Items 6 to 8 of art. 278 need three quarters; the others more than half.
MAJOR_MATTERS = ("fund_raise", "rebuild", "common_use")

MOTION_KINDS = [
    ("ordinary", "Ordinary (more than 1/2)"),
    ("major", "Major (at least 3/4)"),
]

MOTION_RESULTS = [
    ("passed", "Passed"),
    ("rejected", "Rejected"),
    ("no_quorum", "Participation requirement not met"),
]

#: What the count writes on a closed vote's motions.
COUNT_FIELDS = {
    "agree_area",
    "agree_owner_count",
    "oppose_area",
    "oppose_owner_count",
    "abstain_area",
    "abstain_owner_count",
    "result",
}

ORDINARY_MAJORITY = Fraction(1, 2)
MAJOR_MAJORITY = Fraction(3, 4)


class PropertyVoteMotion(models.Model):
    _name = "property.vote.motion"
    _description = "Motion of an Owners' Vote"
    _inherit = ["property.input.mixin"]
    _order = "vote_id, sequence, id"

    vote_id = fields.Many2one(
        comodel_name="property.vote", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="vote_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="vote_id.company_id", store=True, index=True)
    vote_state = fields.Selection(related="vote_id.state", string="Vote Status")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Motion", required=True, size=300)
    description = fields.Html()
    matter = fields.Selection(
        selection=MATTERS,
        required=True,
        default="other",
        help="The item of art. 278 of the Civil Code the motion decides.",
    )
    kind = fields.Selection(
        selection=MOTION_KINDS,
        compute="_compute_kind",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Major motions (raising the maintenance fund, rebuilding, changing the use of "
        "common parts) pass with at least 3/4 of the participating area and owners; "
        "ordinary ones with more than 1/2 of both.",
    )
    agree_area = fields.Float(string="Agree Area (m²)", digits=(16, 2), readonly=True)
    agree_owner_count = fields.Integer(string="Agree Owners", readonly=True)
    oppose_area = fields.Float(string="Oppose Area (m²)", digits=(16, 2), readonly=True)
    oppose_owner_count = fields.Integer(string="Oppose Owners", readonly=True)
    abstain_area = fields.Float(string="Abstain Area (m²)", digits=(16, 2), readonly=True)
    abstain_owner_count = fields.Integer(string="Abstain Owners", readonly=True)
    result = fields.Selection(selection=MOTION_RESULTS, readonly=True, copy=False)

    @api.depends("matter")
    def _compute_kind(self):
        for motion in self:
            motion.kind = "major" if motion.matter in MAJOR_MATTERS else "ordinary"

    def _majority(self):
        self.ensure_one()
        return MAJOR_MAJORITY if self.kind == "major" else ORDINARY_MAJORITY

    def _passes(self, agree_area, agree_owners, voted_area, voted_owners):
        """Whether the motion passes with these agreeing and participating
        areas and owners (integers): more than half of both for an ordinary
        motion, at least three quarters of both for a major one."""
        self.ensure_one()
        strict = self.kind == "ordinary"
        majority = self._majority()
        return reaches(agree_area, voted_area, majority, strict=strict) and reaches(
            agree_owners, voted_owners, majority, strict=strict
        )

    def _prepare_count_values(self, tally):
        return {
            "agree_area": tally["agree"][0] / 100,
            "agree_owner_count": tally["agree"][1],
            "oppose_area": tally["oppose"][0] / 100,
            "oppose_owner_count": tally["oppose"][1],
            "abstain_area": tally["abstain"][0] / 100,
            "abstain_owner_count": tally["abstain"][1],
            "result": tally["result"],
        }

    def _check_vote_draft(self):
        if any(motion.vote_id.state != "draft" for motion in self):
            raise UserError(
                self.env._("The motions of a vote cannot change once the vote is open.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        motions = super().create(vals_list)
        motions._check_vote_draft()
        return motions

    def write(self, vals):
        if not vals.keys() <= COUNT_FIELDS:
            self._check_vote_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_open(self):
        self._check_vote_draft()
