import base64
from datetime import timedelta

from odoo import Command, fields

from odoo.addons.property_base.tests.common import PropertyTestCommon


class VoteCommon(PropertyTestCommon):
    """Builders of the vote tests (a mixin before ``TransactionCase`` or
    ``HttpCase``). Names start with "PCT": demo data is in the test database
    too, and each estate built here is counted on its own.

    ``estate`` "PCT Estate Osmanthus" (developer ``developer``) and
    ``estate_other`` "PCT Estate Plum", no units: each test builds the units
    and owners it counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.developer = cls._create_partner("PCT Developer Co.", is_company=True)
        cls.estate = cls._create_estate(
            "PCT Estate Osmanthus", "PCT-O", developer_id=cls.developer.id
        )
        cls.estate_other = cls._create_estate("PCT Estate Plum", "PCT-P")
        cls.building = cls._create_building(cls.estate, "PCT Block 1", "1")
        cls.building_other = cls._create_building(cls.estate_other, "PCT Plum Block", "1")
        cls._unit_number = 100

    @classmethod
    def _owned_unit(cls, owners, area=100.0, building=None):
        """A unit of ``area`` m² owned today by ``owners`` (equal shares);
        no owner when ``owners`` is empty."""
        cls._unit_number += 1
        unit = cls._create_unit(building or cls.building, str(cls._unit_number), area)
        for owner in owners:
            cls._create_ownership(unit, owner, "2020-01-01", share=100.0 / len(owners))
        return unit

    @classmethod
    def _open_vote(cls, motions, estate=None, name="PCT Vote", **values):
        """An open vote of ``estate`` taking ballots now, with ``motions``:
        a list of (name, matter)."""
        now = fields.Datetime.now()
        vote = cls.env["property.vote"].create(
            {
                "name": name,
                "estate_id": (estate or cls.estate).id,
                "date_open": now - timedelta(days=1),
                "date_close": now + timedelta(days=7),
                "motion_ids": [
                    Command.create({"name": motion, "matter": matter, "sequence": index})
                    for index, (motion, matter) in enumerate(motions)
                ],
                **values,
            }
        )
        vote.action_open()
        return vote

    @classmethod
    def _scan(cls, name="ballot.pdf", user=None):
        """A scanned ballot, uploaded by ``user`` (as the form's upload does)."""
        Attachment = cls.env["ir.attachment"]
        if user:
            Attachment = Attachment.with_user(user)
        return Attachment.create(
            {"name": name, "datas": base64.b64encode(b"%PDF-1.4 scanned ballot")}
        )

    def _ballot_values(self, vote, unit, voter, choices, channel="portal", user=None):
        """``choices``: one choice per motion of the vote in order, or one
        choice for every motion."""
        if isinstance(choices, str):
            choices = [choices] * len(vote.motion_ids)
        values = {
            "vote_id": vote.id,
            "unit_id": unit.id,
            "partner_id": voter.id,
            "channel": channel,
            "line_ids": [
                Command.create({"motion_id": motion.id, "choice": choice})
                for motion, choice in zip(vote.motion_ids, choices, strict=True)
            ],
        }
        if channel == "paper":
            values["scan_ids"] = [Command.set(self._scan(user=user).ids)]
        return values

    def _vote(self, vote, unit, voter, choices, channel="portal", user=None):
        Ballot = self.env["property.vote.ballot"]
        if user:
            Ballot = Ballot.with_user(user)
        return Ballot.create(self._ballot_values(vote, unit, voter, choices, channel, user))
