import logging
from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

VOTE_KINDS = [
    ("meeting", "Assembly Meeting"),
    ("written", "Written Vote"),
]

VOTE_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("closed", "Closed"),
]

_logger = logging.getLogger(__name__)

#: Participation the Civil Code asks for (art. 278, para. 2): owners holding at
#: least two thirds of the area and at least two thirds of the owners.
PARTICIPATION_THRESHOLD = Fraction(2, 3)

#: Key of the owner the developer's unsold or undelivered units count as.
DEVELOPER_KEY = "developer"


def reaches(part, whole, threshold, strict=False):
    """Whether ``part`` is at least (``strict``: more than) ``threshold`` of
    ``whole``, in exact integer arithmetic (``threshold`` is a Fraction)."""
    if not whole:
        return False
    left = part * threshold.denominator
    right = whole * threshold.numerator
    return left > right if strict else left >= right


class PropertyVote(models.Model):
    """An owners' assembly (业主大会) decision: a meeting or a written vote of
    the owners of one estate on one or several motions, counted by area and
    by owners as art. 278 of the Civil Code and its judicial interpretation
    say (see ``_count_votes``)."""

    _name = "property.vote"
    _description = "Owners' Vote"
    _inherit = [
        "property.estate.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "property.input.mixin",
    ]
    _order = "date_open desc, id desc"

    name = fields.Char(string="Title", required=True, size=200, tracking=True)
    kind = fields.Selection(selection=VOTE_KINDS, required=True, default="written", tracking=True)
    state = fields.Selection(
        selection=VOTE_STATES,
        string="Status",
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
    date_open = fields.Datetime(string="Opens", required=True, tracking=True)
    date_close = fields.Datetime(string="Closes", required=True, tracking=True)
    register_date = fields.Date(
        compute="_compute_register_date",
        store=True,
        readonly=False,
        help="The owners of this day's register vote and count (by default the opening day).",
    )
    location = fields.Char(size=200, help="Where the assembly meets (for a meeting).")
    description = fields.Html()
    motion_ids = fields.One2many(
        comodel_name="property.vote.motion", inverse_name="vote_id", string="Motions", copy=True
    )
    ballot_ids = fields.One2many(
        comodel_name="property.vote.ballot", inverse_name="vote_id", string="Ballots"
    )
    ballot_count = fields.Integer(compute="_compute_ballot_count")
    motion_count = fields.Integer(compute="_compute_ballot_count")
    # Figures of the count, written when the vote is counted (see action_count).
    total_area = fields.Float(string="Total Area (m²)", digits=(16, 2), readonly=True, copy=False)
    total_owner_count = fields.Integer(string="Total Owners", readonly=True, copy=False)
    voted_area = fields.Float(
        string="Participating Area (m²)", digits=(16, 2), readonly=True, copy=False
    )
    voted_owner_count = fields.Integer(string="Participating Owners", readonly=True, copy=False)
    voted_area_ratio = fields.Float(
        string="Participating Area (%)", compute="_compute_ratios", digits=(5, 2)
    )
    voted_owner_ratio = fields.Float(
        string="Participating Owners (%)", compute="_compute_ratios", digits=(5, 2)
    )
    participation_reached = fields.Boolean(readonly=True, copy=False)
    date_counted = fields.Datetime(string="Counted On", readonly=True, copy=False)

    @api.depends("date_open")
    def _compute_register_date(self):
        for vote in self:
            if vote.date_open:
                vote.register_date = fields.Date.context_today(vote, vote.date_open)

    def _compute_ballot_count(self):
        ballots = dict(
            self.env["property.vote.ballot"]._read_group(
                [("vote_id", "in", self.ids)], ["vote_id"], ["__count"]
            )
        )
        for vote in self:
            vote.ballot_count = ballots.get(vote, 0)
            vote.motion_count = len(vote.motion_ids)

    @api.depends("total_area", "voted_area", "total_owner_count", "voted_owner_count")
    def _compute_ratios(self):
        for vote in self:
            vote.voted_area_ratio = (
                100.0 * vote.voted_area / vote.total_area if vote.total_area else 0.0
            )
            vote.voted_owner_ratio = (
                100.0 * vote.voted_owner_count / vote.total_owner_count
                if vote.total_owner_count
                else 0.0
            )

    @api.constrains("date_open", "date_close")
    def _check_dates(self):
        for vote in self:
            if vote.date_open and vote.date_close and vote.date_close <= vote.date_open:
                raise ValidationError(self.env._("A vote must close after it opens."))

    def write(self, vals):
        locked = {"estate_id", "date_open", "register_date", "kind"}
        if locked & vals.keys() and any(vote.state != "draft" for vote in self):
            raise UserError(
                self.env._(
                    "The estate, the kind, the opening and the register date of a vote "
                    "cannot change once it is open."
                )
            )
        if "date_close" in vals and any(vote.state == "closed" for vote in self):
            raise UserError(self.env._("The vote is closed: its dates can no longer change."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(vote.state != "draft" for vote in self):
            raise UserError(self.env._("Only a draft vote can be deleted."))

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for vote in self:
            vote.access_url = f"/my/votes/{vote.id}"
        return res

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_open(self):
        for vote in self:
            if vote.state != "draft":
                raise UserError(self.env._("Only a draft vote can be opened."))
            if not vote.motion_ids:
                raise UserError(
                    self.env._("Add at least one motion before opening “%s”.", vote.name)
                )
        self.write({"state": "open"})
        return True

    def action_close(self):
        """Count the ballots and lock them: after this nothing of the vote changes."""
        for vote in self:
            if vote.state != "open":
                raise UserError(self.env._("Only an open vote can be closed."))
        now = fields.Datetime.now()
        for vote in self:
            vote._store_count()
            # Closed early (at the end of a meeting): the vote closed now.
            vote.write({"state": "closed", "date_close": min(vote.date_close, now)})
        return True

    def action_count(self):
        """Count the ballots received so far (the result is final at closing).

        The desk, which records the paper ballots but cannot change a vote,
        counts too: the figures written are the count's, nothing it typed."""
        self.check_access("read")
        for vote in self:
            if vote.state == "draft":
                raise UserError(self.env._("A draft vote has no ballots to count."))
            if vote.state == "open":
                vote.sudo()._store_count(participation_only=True)
        return True

    def action_view_ballots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_community.property_vote_ballot_action"
        )
        action["domain"] = [("vote_id", "=", self.id)]
        action["context"] = {"default_vote_id": self.id}
        return action

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Vote result - %s", self.name)

    # ------------------------------------------------------------
    # Counting
    # ------------------------------------------------------------

    def _is_taking_ballots(self, when=None):
        """Whether the vote takes ballots at ``when`` (now by default)."""
        self.ensure_one()
        when = when or fields.Datetime.now()
        return self.state == "open" and self.date_open <= when <= self.date_close

    def _units_cte(self):
        """SQL of the units that count in the vote, one row per unit:
        ``unit_id``, ``area`` (gross area in hundredths of m², an integer) and
        ``owner_key``, the owner the unit counts for: the ids of its owners on
        the register date (co-owners together cast one vote), or
        ``DEVELOPER_KEY`` for the units the developer holds or nobody owns."""
        self.ensure_one()
        return SQL(
            """
            owner_keys AS (
                SELECT o.unit_id,
                       string_agg(o.partner_id::text, ',' ORDER BY o.partner_id) AS owner_key
                  FROM property_ownership o
                 WHERE o.estate_id = %(estate)s
                   AND o.date_start <= %(date)s
                   AND (o.date_end IS NULL OR o.date_end >= %(date)s)
                   AND o.partner_id IS DISTINCT FROM %(developer)s
              GROUP BY o.unit_id
            ),
            vote_units AS (
                SELECT u.id AS unit_id,
                       ROUND(u.gross_area * 100)::bigint AS area,
                       COALESCE(k.owner_key, %(developer_key)s) AS owner_key
                  FROM property_unit u
             LEFT JOIN owner_keys k ON k.unit_id = u.id
                 WHERE u.estate_id = %(estate)s AND u.active
            )
            """,
            estate=self.estate_id.id,
            date=self.register_date,
            developer=self.estate_id.developer_id.id or None,
            developer_key=DEVELOPER_KEY,
        )

    def _get_unit_voters(self, unit):
        """Who may cast the ballot of ``unit``: its owners on the register date
        (other than the developer), or else the developer of the estate."""
        self.ensure_one()
        ownerships = (
            self.env["property.ownership"]
            .sudo()
            .search(
                Domain("unit_id", "=", unit.id)
                & self.env["property.ownership"]._domain_at(self.register_date)
            )
        )
        developer = self.estate_id.sudo().developer_id
        owners = ownerships.partner_id - developer
        return owners or developer

    def _count_votes(self, participation_only=False):
        """The count of the vote, in three queries whatever its size:

        - ``total_area``, ``total_owners``: area (hundredths of m²) and owners
          of the estate;
        - ``voted_area``, ``voted_owners``: those of the units with a ballot;
        - ``participation_reached``: both at least two thirds;
        - ``motions``: per motion id, ``{choice: (area, owners)}`` for agree,
          oppose and abstain, and ``result``.

        The area of a choice is the sum of the areas of the units that chose
        it; an owner (the co-owners of a unit together, a buyer of several
        units, the developer) counts once, for the choice that carries most
        of his area on that motion.
        """
        self.ensure_one()
        self.env.flush_all()
        units = self._units_cte()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                WITH %(units)s
                SELECT COALESCE(SUM(u.area), 0)::bigint, COUNT(DISTINCT u.owner_key),
                       COALESCE(SUM(u.area) FILTER (WHERE b.id IS NOT NULL), 0)::bigint,
                       COUNT(DISTINCT u.owner_key) FILTER (WHERE b.id IS NOT NULL)
                  FROM vote_units u
             LEFT JOIN property_vote_ballot b ON b.unit_id = u.unit_id AND b.vote_id = %(vote)s
                """,
                units=units,
                vote=self.id,
            )
        )
        total_area, total_owners, voted_area, voted_owners = cr.fetchone()
        participation_reached = reaches(
            voted_area, total_area, PARTICIPATION_THRESHOLD
        ) and reaches(voted_owners, total_owners, PARTICIPATION_THRESHOLD)
        count = {
            "total_area": total_area,
            "total_owners": total_owners,
            "voted_area": voted_area,
            "voted_owners": voted_owners,
            "participation_reached": participation_reached,
            "motions": {},
        }
        if participation_only:
            return count
        tallies = {
            motion.id: {choice: [0, 0] for choice in ("agree", "oppose", "abstain")}
            for motion in self.motion_ids
        }
        lines = SQL(
            """
            vote_lines AS (
                SELECT l.motion_id, l.choice, u.owner_key, u.area, u.unit_id
                  FROM property_vote_ballot_line l
                  JOIN property_vote_ballot b ON b.id = l.ballot_id
                  JOIN vote_units u ON u.unit_id = b.unit_id
                 WHERE b.vote_id = %(vote)s
            )
            """,
            vote=self.id,
        )
        cr.execute(
            SQL(
                """
                WITH %(units)s, %(lines)s
                SELECT motion_id, choice, SUM(area)::bigint
                  FROM vote_lines
              GROUP BY motion_id, choice
                """,
                units=units,
                lines=lines,
            )
        )
        for motion_id, choice, area in cr.fetchall():
            tallies[motion_id][choice][0] = area
        cr.execute(
            SQL(
                """
                WITH %(units)s, %(lines)s,
                owner_choices AS (
                    SELECT motion_id, owner_key, choice,
                           SUM(area) AS area, MIN(unit_id) AS first_unit
                      FROM vote_lines
                  GROUP BY motion_id, owner_key, choice
                ),
                owner_choice AS (
                    SELECT DISTINCT ON (motion_id, owner_key) motion_id, choice
                      FROM owner_choices
                  ORDER BY motion_id, owner_key, area DESC, first_unit
                )
                SELECT motion_id, choice, COUNT(*) FROM owner_choice GROUP BY motion_id, choice
                """,
                units=units,
                lines=lines,
            )
        )
        for motion_id, choice, owners in cr.fetchall():
            tallies[motion_id][choice][1] = owners
        for motion in self.motion_ids:
            tally = {choice: tuple(values) for choice, values in tallies[motion.id].items()}
            agree_area, agree_owners = tally["agree"]
            if not participation_reached:
                result = "no_quorum"
            elif motion._passes(agree_area, agree_owners, voted_area, voted_owners):
                result = "passed"
            else:
                result = "rejected"
            count["motions"][motion.id] = dict(tally, result=result)
        return count

    def _store_count(self, participation_only=False):
        self.ensure_one()
        count = self._count_votes(participation_only=participation_only)
        self.write(self._prepare_count_values(count))
        if participation_only:
            return count
        for motion in self.motion_ids:
            motion.write(motion._prepare_count_values(count["motions"][motion.id]))
        return count

    def _prepare_count_values(self, count):
        return {
            "total_area": count["total_area"] / 100,
            "total_owner_count": count["total_owners"],
            "voted_area": count["voted_area"] / 100,
            "voted_owner_count": count["voted_owners"],
            "participation_reached": count["participation_reached"],
            "date_counted": fields.Datetime.now(),
        }

    # ------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------

    @api.model
    def _cron_close_due_votes(self):
        """Close and count the open votes whose closing time has passed, in the
        language of each vote's company; under the scheduler each vote is
        committed on its own, and one that fails does not stop the others."""
        due = self.search(
            Domain("state", "=", "open") & Domain("date_close", "<", fields.Datetime.now())
        )
        under_cron = bool(self.env.context.get("ir_cron_progress_id"))
        if under_cron:
            self.env["ir.cron"]._commit_progress(remaining=len(due))
        closed = 0
        for part in self.env["res.company"]._property_split_by_lang(due):
            for vote in part:
                try:
                    with self.env.cr.savepoint():
                        vote.action_close()
                        closed += 1
                except Exception:  # noqa: BLE001 - one vote must not stop the others
                    _logger.exception(
                        "Owners' vote %s (%s) could not be closed", vote.id, vote.name
                    )
                if under_cron:
                    self.env["ir.cron"]._commit_progress(1)
        return closed
