from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

CHOICES = [
    ("agree", "Agree"),
    ("oppose", "Oppose"),
    ("abstain", "Abstain"),
]


class PropertyVoteBallotLine(models.Model):
    """The choice of a ballot on one motion."""

    _name = "property.vote.ballot.line"
    _description = "Choice on a Motion"
    _order = "ballot_id, motion_sequence, motion_id"

    ballot_id = fields.Many2one(
        comodel_name="property.vote.ballot", required=True, index=True, ondelete="cascade"
    )
    motion_id = fields.Many2one(
        comodel_name="property.vote.motion", required=True, index=True, ondelete="cascade"
    )
    motion_sequence = fields.Integer(related="motion_id.sequence", store=True)
    motion_kind = fields.Selection(related="motion_id.kind")
    vote_id = fields.Many2one(related="ballot_id.vote_id", store=True, index=True)
    estate_id = fields.Many2one(related="ballot_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="ballot_id.company_id", store=True, index=True)
    choice = fields.Selection(selection=CHOICES, required=True)

    _ballot_motion_uniq = models.UniqueIndex(
        "(ballot_id, motion_id)", "A ballot gives one choice per motion."
    )

    @api.constrains("motion_id", "ballot_id")
    def _check_motion_of_vote(self):
        for line in self.sudo():
            if line.motion_id.vote_id != line.ballot_id.vote_id:
                raise ValidationError(
                    self.env._("A ballot can only answer the motions of its own vote.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        Ballot = self.env["property.vote.ballot"]
        ballots = Ballot.browse([vals["ballot_id"] for vals in vals_list if vals.get("ballot_id")])
        Ballot._check_vote_taking_ballots(ballots.vote_id)
        return super().create(vals_list)

    def write(self, vals):
        self.env["property.vote.ballot"]._check_vote_taking_ballots(self.vote_id)
        if "choice" not in vals:
            return super().write(vals)
        labels = dict(self._fields["choice"]._description_selection(self.env))
        changes = {
            line: line.choice for line in self if line.choice and line.choice != vals["choice"]
        }
        res = super().write(vals)
        for line, old in changes.items():
            # The chatter of the ballot keeps every change of a choice.
            line.ballot_id._message_log(
                body=Markup("%s: %s → %s") % (line.motion_id.name, labels[old], labels[line.choice])
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.env["property.vote.ballot"]._check_vote_taking_ballots(
            self.vote_id.filtered(lambda vote: vote.state == "closed")
        )
