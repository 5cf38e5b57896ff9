import re
from contextlib import contextmanager

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

BALLOT_CHANNELS = [
    ("portal", "Portal"),
    ("paper", "Paper Ballot"),
]


class PropertyVoteBallot(models.Model):
    """The ballot of one unit in a vote: one per unit, whoever of its
    co-owners casts it, with a choice on every motion (see
    ``property.vote.ballot.line``). Ballots change until the vote closes;
    every change is tracked."""

    _name = "property.vote.ballot"
    _description = "Ballot of an Owners' Vote"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "vote_id, id"
    _rec_name = "unit_id"

    vote_id = fields.Many2one(
        comodel_name="property.vote",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('state', '=', 'open')]",
    )
    vote_state = fields.Selection(related="vote_id.state", string="Vote Status")
    estate_id = fields.Many2one(
        related="vote_id.estate_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="vote_id.company_id", store=True, index=True, precompute=True
    )
    unit_id = fields.Many2one(
        comodel_name="property.unit",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id)]",
        tracking=True,
    )
    gross_area = fields.Float(related="unit_id.gross_area", string="Gross Area (m²)")
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Voter",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The owner of the unit who cast the ballot (one of its co-owners, or the "
        "developer for its unsold units).",
    )
    channel = fields.Selection(
        selection=BALLOT_CHANNELS, required=True, default="paper", tracking=True
    )
    scan_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Scanned Ballot",
        help="The signed paper ballot, scanned.",
    )
    line_ids = fields.One2many(
        comodel_name="property.vote.ballot.line",
        inverse_name="ballot_id",
        string="Choices",
    )
    note = fields.Text()

    _vote_unit_uniq = models.UniqueIndex(
        "(vote_id, unit_id)", "A unit casts one ballot per vote: this unit has voted already."
    )

    @api.depends("unit_id.display_name", "vote_id.name")
    def _compute_display_name(self):
        for ballot in self:
            ballot.display_name = f"{ballot.vote_id.name} · {ballot.unit_id.full_code}"

    @api.onchange("vote_id")
    def _onchange_vote_id_lines(self):
        """A paper ballot lists the motions of its vote, to be filled in."""
        if self.vote_id and not self.line_ids:
            self.line_ids = [
                fields.Command.create({"motion_id": motion.id})
                for motion in self.vote_id.motion_ids
            ]

    # ------------------------------------------------------------
    # Checks (before anything is written)
    # ------------------------------------------------------------

    def _check_vote_taking_ballots(self, votes):
        for vote in votes:
            if vote.state == "closed":
                raise UserError(
                    self.env._(
                        "The vote “%s” is closed: its ballots can no longer be cast or changed.",
                        vote.name,
                    )
                )
            if not vote._is_taking_ballots():
                raise UserError(
                    self.env._(
                        "The vote “%(vote)s” takes ballots from %(open)s to %(close)s only.",
                        vote=vote.name,
                        open=fields.Datetime.context_timestamp(vote, vote.date_open).strftime(
                            "%Y-%m-%d %H:%M"
                        ),
                        close=fields.Datetime.context_timestamp(vote, vote.date_close).strftime(
                            "%Y-%m-%d %H:%M"
                        ),
                    )
                )

    def _check_ballot_values(self, vote, unit, voter, ballot=None):
        """Refuse a ballot of ``voter`` for ``unit`` in ``vote`` that the law
        or the register do not allow, with the reason in the user's language."""
        self._check_vote_taking_ballots(vote)
        vote = vote.sudo()
        unit = unit.sudo()
        if unit.estate_id != vote.estate_id:
            raise ValidationError(
                self.env._(
                    "%(unit)s is not in %(estate)s: only the units of the estate vote "
                    "in “%(vote)s”.",
                    unit=unit.display_name,
                    estate=vote.estate_id.name,
                    vote=vote.name,
                )
            )
        other = self.sudo().search_count(
            Domain("vote_id", "=", vote.id)
            & Domain("unit_id", "=", unit.id)
            & Domain("id", "not in", ballot.ids if ballot else [])
        )
        if other:
            raise self._already_voted_error(vote, unit)
        voters = voter | voter.commercial_partner_id
        owners = vote._get_unit_voters(unit)
        if not voters & owners:
            if not owners:
                raise ValidationError(
                    self.env._(
                        "%(unit)s has no owner on the register of %(date)s and the estate has "
                        "no developer: set the developer of the estate to record its ballot.",
                        unit=unit.display_name,
                        date=vote.register_date,
                    )
                )
            raise ValidationError(
                self.env._(
                    "%(voter)s is not an owner of %(unit)s on the register of %(date)s: only "
                    "owners vote, not tenants or other residents.",
                    voter=voter.name,
                    unit=unit.display_name,
                    date=vote.register_date,
                )
            )

    def _already_voted_error(self, vote, unit):
        return ValidationError(
            self.env._(
                "%(unit)s has already voted in “%(vote)s”: a unit casts one ballot, "
                "whichever of its owners casts it. Change that ballot instead.",
                unit=unit.sudo().display_name,
                vote=vote.sudo().name,
            )
        )

    @contextmanager
    def _one_ballot_per_unit(self, vals_list):
        """Turn the unique index's refusal into the message of a second ballot.

        Two co-owners voting for their unit at the same instant both pass the
        check above: neither sees the other's uncommitted ballot (nor, once it
        is committed, in the snapshot of a repeatable-read transaction). The
        second insert then waits on the first one's index entry and fails with
        a unique violation when it commits; it is caught in a savepoint here
        and raised as the same ValidationError as any second ballot."""
        try:
            with self.env.cr.savepoint():
                yield
        except UniqueViolation as error:
            if error.diag.constraint_name != f"{self._table}_vote_unit_uniq":
                raise
            vote_id, unit_id = vals_list[0].get("vote_id"), vals_list[0].get("unit_id")
            found = re.search(r"\)=\((\d+), (\d+)\)", error.diag.message_detail or "")
            if found:
                vote_id, unit_id = int(found.group(1)), int(found.group(2))
            raise self._already_voted_error(
                self.env["property.vote"].browse(vote_id), self.env["property.unit"].browse(unit_id)
            ) from None

    def _check_ballot_lines(self):
        for ballot in self.sudo():
            motions = ballot.vote_id.motion_ids
            given = ballot.line_ids.motion_id
            if ballot.line_ids.motion_id - motions:
                raise ValidationError(
                    self.env._("A ballot can only answer the motions of its own vote.")
                )
            if len(given) != len(ballot.line_ids) or given != motions:
                missing = motions - given
                raise ValidationError(
                    self.env._(
                        "Give one choice on every motion (agree, oppose or abstain); missing: %s.",
                        ", ".join(missing.mapped("name")) or "-",
                    )
                )
            if ballot.channel == "paper" and not ballot.scan_ids:
                raise ValidationError(
                    self.env._(
                        "Attach the scanned paper ballot of %s.", ballot.unit_id.display_name
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        Vote = self.env["property.vote"]
        Unit = self.env["property.unit"]
        Partner = self.env["res.partner"]
        for vals in vals_list:
            self._check_ballot_values(
                Vote.browse(vals.get("vote_id")),
                Unit.browse(vals.get("unit_id")),
                Partner.browse(vals.get("partner_id")),
            )
        with self._one_ballot_per_unit(vals_list):
            ballots = super().create(vals_list)
        ballots._check_ballot_lines()
        return ballots

    def write(self, vals):
        self._check_vote_taking_ballots(self.vote_id)
        if vals.keys() & {"vote_id", "unit_id", "partner_id"}:
            for ballot in self:
                self._check_ballot_values(
                    self.env["property.vote"].browse(vals.get("vote_id", ballot.vote_id.id)),
                    self.env["property.unit"].browse(vals.get("unit_id", ballot.unit_id.id)),
                    self.env["res.partner"].browse(vals.get("partner_id", ballot.partner_id.id)),
                    ballot=ballot,
                )
        if vals.keys() & {"vote_id", "unit_id"}:
            with self._one_ballot_per_unit(
                [{**vals, "vote_id": vals.get("vote_id", self[:1].vote_id.id)}]
            ):
                res = super().write(vals)
        else:
            res = super().write(vals)
        self._check_ballot_lines()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(ballot.vote_id.state != "open" for ballot in self):
            raise UserError(self.env._("Ballots can be deleted only while the vote is open."))
