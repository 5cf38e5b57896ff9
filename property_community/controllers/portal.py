from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.http import request

from odoo.addons.property_base.controllers.portal import PropertyCustomerPortal


class PropertyCommunityPortal(PropertyCustomerPortal):
    """Owners' votes on the portal: the open and closed votes of the estates
    where the user owns a unit, voting for the user's units while a vote is
    open, and the result once it is closed.

    Everything reads and writes as the signed-in user: the record rules of
    ``property_community_security.xml`` decide what is seen, and the ballot
    model's checks (open, owner on the register, one ballot per unit) what
    may be cast."""

    def _prepare_property_votes_domain(self, partner):
        """Open and closed votes of the estates where ``partner`` owns a unit today."""
        my_units = Domain(
            "ownership_ids",
            "any",
            Domain("is_current", "=", True)
            & Domain("partner_id", "in", self._get_property_owner_partner_ids(partner)),
        )
        return Domain("state", "in", ("open", "closed")) & Domain(
            "estate_id", "any", Domain("unit_ids", "any", my_units)
        )

    def _get_property_vote_units(self, vote, partner):
        """The units of the vote's estate ``partner`` owns today."""
        return request.env["property.unit"].search(
            Domain("estate_id", "=", vote.estate_id.id)
            & Domain(
                "ownership_ids",
                "any",
                Domain("is_current", "=", True)
                & Domain("partner_id", "in", self._get_property_owner_partner_ids(partner)),
            )
        )

    def _get_property_votes_waiting(self, partner):
        """Open votes taking ballots where a unit of ``partner`` has not voted."""
        Vote = request.env["property.vote"]
        if not Vote.has_access("read"):
            return Vote
        votes = Vote.search(
            self._prepare_property_votes_domain(partner) & Domain("state", "=", "open")
        ).filtered(lambda vote: vote._is_taking_ballots())
        waiting = Vote
        for vote in votes:
            units = self._get_property_vote_units(vote, partner)
            voted = request.env["property.vote.ballot"].search(
                Domain("vote_id", "=", vote.id) & Domain("unit_id", "in", units.ids)
            )
            if units - voted.unit_id:
                waiting |= vote
        return waiting

    def _get_property_attention_items(self, partner):
        items = super()._get_property_attention_items(partner)
        waiting = self._get_property_votes_waiting(partner)
        if waiting:
            items.append(
                {
                    "key": "votes_waiting",
                    "sequence": 20,
                    "icon": "fa-check-square-o",
                    "title": request.env._("Votes waiting for your ballot"),
                    "value": len(waiting),
                    "url": waiting[0].access_url if len(waiting) == 1 else "/my/votes",
                    "button": request.env._("Vote now"),
                    "level": "warning",
                }
            )
        Invitation = request.env["property.survey.invitation"]
        to_answer = (
            Invitation.search(self._prepare_property_surveys_to_answer_domain(partner))
            if Invitation.has_access("read")
            else Invitation
        )
        if to_answer:
            items.append(
                {
                    "key": "surveys_to_answer",
                    "sequence": 45,
                    "icon": "fa-smile-o",
                    "title": request.env._("Surveys to answer"),
                    "value": len(to_answer),
                    "url": "/my/surveys",
                    "button": request.env._("Answer"),
                    "level": "info",
                }
            )
        return items

    def _prepare_property_surveys_domain(self, partner):
        """Invitations of the running and closed surveys addressed to
        ``partner`` or, for a survey answered per unit, to a unit he owns or
        lives in today (by the survey's audience), as the record rules say."""
        owner_ids = self._get_property_owner_partner_ids(partner)
        owned = Domain(
            "ownership_ids",
            "any",
            Domain("is_current", "=", True) & Domain("partner_id", "in", owner_ids),
        )
        lived_in = Domain(
            "occupancy_ids",
            "any",
            Domain("is_current", "=", True) & Domain("partner_id", "=", partner.id),
        )
        of_my_units = Domain("answer_per", "=", "unit") & (
            (Domain("audience", "in", ("owners", "both")) & Domain("unit_id", "any", owned))
            | (Domain("audience", "in", ("residents", "both")) & Domain("unit_id", "any", lived_in))
        )
        return Domain("campaign_id.state", "in", ("running", "closed")) & (
            Domain("partner_id", "in", owner_ids) | of_my_units
        )

    def _prepare_property_surveys_to_answer_domain(self, partner):
        return (
            self._prepare_property_surveys_domain(partner)
            & Domain("campaign_id.state", "=", "running")
            & Domain("campaign_id.deadline", ">", fields.Datetime.now())
            & Domain("answered", "=", False)
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_survey_count" in counters:
            Invitation = request.env["property.survey.invitation"]
            values["property_survey_count"] = (
                Invitation.search_count(
                    self._prepare_property_surveys_domain(request.env.user.partner_id)
                )
                if Invitation.has_access("read")
                else 0
            )
        if "property_event_count" in counters:
            Event = request.env["event.event"]
            values["property_event_count"] = (
                Event.search_count(
                    Event._property_events_domain(request.env.user.partner_id)
                    & Domain("date_end", ">", fields.Datetime.now())
                )
                if Event.has_access("read")
                else 0
            )
        if "property_vote_count" in counters:
            Vote = request.env["property.vote"]
            values["property_vote_count"] = (
                Vote.search_count(self._prepare_property_votes_domain(request.env.user.partner_id))
                if Vote.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------
    # Votes
    # ------------------------------------------------------------

    @http.route(
        ["/my/votes", "/my/votes/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_votes(self, page=1, **kwargs):
        partner = request.env.user.partner_id
        domain = self._prepare_property_votes_domain(partner)
        votes, pager_values = self._property_paged_search(
            "property.vote", domain, "/my/votes", page, order="state desc, date_close desc, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "votes": votes,
                "waiting_votes": self._get_property_votes_waiting(partner),
                "page_name": "property_vote",
                "pager": pager_values,
                "default_url": "/my/votes",
            }
        )
        return request.render("property_community.portal_my_property_votes", values)

    def _prepare_property_vote_page_values(self, vote, error=None, choices=None):
        partner = request.env.user.partner_id
        units = self._get_property_vote_units(vote, partner)
        ballots = request.env["property.vote.ballot"].search(
            Domain("vote_id", "=", vote.id) & Domain("unit_id", "in", units.ids)
        )
        ballot_by_unit = {ballot.unit_id.id: ballot for ballot in ballots}
        if choices is None:
            choices = {}
            for line in ballots[:1].line_ids:
                choices[line.motion_id.id] = line.choice
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_vote",
                "property_vote": vote,
                "units": units,
                "ballot_by_unit": ballot_by_unit,
                "choices": choices,
                "choice_labels": request.env["property.vote.ballot.line"]
                ._fields["choice"]
                ._description_selection(request.env),
                "taking_ballots": vote._is_taking_ballots(),
                "error": error,
                "voted": request.params.get("voted"),
            }
        )
        return values

    def _check_property_vote_access(self, vote_id):
        self._document_check_access("property.vote", vote_id)
        return request.env["property.vote"].browse(vote_id)

    @http.route(["/my/votes/<int:vote_id>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_property_vote(self, vote_id, **kwargs):
        try:
            vote = self._check_property_vote_access(vote_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_property_vote_page_values(vote)
        return request.render("property_community.portal_my_property_vote", values)

    @http.route(
        ["/my/votes/<int:vote_id>/ballot"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_property_vote_ballot(self, vote_id, **post):
        try:
            vote = self._check_property_vote_access(vote_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        choices = {}
        for motion in vote.motion_ids:
            choice = post.get(f"motion_{motion.id}")
            if choice in ("agree", "oppose", "abstain"):
                choices[motion.id] = choice
        try:
            self._cast_property_ballots(vote, choices, post)
        except (UserError, ValidationError, AccessError) as error:
            request.env.cr.rollback()
            values = self._prepare_property_vote_page_values(
                vote, error=error.args[0], choices=choices
            )
            return request.render("property_community.portal_my_property_vote", values)
        return request.redirect(f"{vote.access_url}?voted=1")

    def _cast_property_ballots(self, vote, choices, post):
        """Cast or change the ballots of the units the owner ticked, with the
        same choice on each motion, as the signed-in user."""
        env = request.env
        missing = vote.motion_ids.filtered(lambda motion: motion.id not in choices)
        if missing:
            raise UserError(
                env._(
                    "Choose agree, oppose or abstain on every motion; missing: %s.",
                    ", ".join(missing.mapped("name")),
                )
            )
        units = self._get_property_vote_units(vote, env.user.partner_id)
        unit_ids = {int(value) for value in request.httprequest.form.getlist("unit_ids")}
        chosen = units.filtered(lambda unit: unit.id in unit_ids)
        if unit_ids - set(units.ids):
            raise UserError(env._("You can only vote for the units you own."))
        if not chosen:
            raise UserError(env._("Tick at least one of your units to vote for."))
        Ballot = env["property.vote.ballot"]
        existing = Ballot.search(
            Domain("vote_id", "=", vote.id) & Domain("unit_id", "in", chosen.ids)
        )
        for ballot in existing:
            for line in ballot.line_ids:
                if line.choice != choices[line.motion_id.id]:
                    line.choice = choices[line.motion_id.id]
        new_units = chosen - existing.unit_id
        if new_units:
            Ballot.create(
                [
                    {
                        "vote_id": vote.id,
                        "unit_id": unit.id,
                        "partner_id": env.user.partner_id.id,
                        "channel": "portal",
                        "line_ids": [
                            Command.create({"motion_id": motion.id, "choice": choices[motion.id]})
                            for motion in vote.motion_ids
                        ],
                    }
                    for unit in new_units
                ]
            )

    # ------------------------------------------------------------
    # Satisfaction surveys
    # ------------------------------------------------------------

    @http.route(
        ["/my/surveys", "/my/surveys/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_surveys(self, page=1, **kwargs):
        Invitation = request.env["property.survey.invitation"]
        partner = request.env.user.partner_id
        domain = self._prepare_property_surveys_domain(partner)
        invitations, pager_values = self._property_paged_search(
            "property.survey.invitation", domain, "/my/surveys", page, order="answered, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "invitations": invitations,
                "to_answer": Invitation.search(
                    Domain("id", "in", invitations.ids)
                    & self._prepare_property_surveys_to_answer_domain(partner)
                ),
                "page_name": "property_survey",
                "pager": pager_values,
                "default_url": "/my/surveys",
            }
        )
        return request.render("property_community.portal_my_property_surveys", values)

    @http.route(["/my/surveys/<int:invitation_id>"], type="http", auth="user", website=True)
    def portal_my_property_survey(self, invitation_id, **kwargs):
        """Answer a survey: to the questionnaire with the invitation's answer
        token, unless it was answered (by anyone of the unit, for a survey
        answered per unit) or is closed."""
        try:
            self._document_check_access("property.survey.invitation", invitation_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        invitation = request.env["property.survey.invitation"].browse(invitation_id)
        message = False
        if invitation.answered:
            message = (
                request.env._("Your unit has answered this survey already: one answer per unit.")
                if invitation.answer_per == "unit"
                else request.env._("You have answered this survey already.")
            )
        elif invitation.campaign_id.state != "running" or (
            invitation.campaign_id.deadline <= fields.Datetime.now()
        ):
            message = request.env._("This survey is closed.")
        if message:
            values = self._prepare_portal_layout_values()
            values.update(
                {"page_name": "property_survey", "invitation": invitation, "message": message}
            )
            return request.render("property_community.portal_my_property_survey_message", values)
        # The answer token of an invitation the user may read (checked above).
        return request.redirect(invitation.sudo().user_input_id.get_start_url())

    # ------------------------------------------------------------
    # Community activities
    # ------------------------------------------------------------

    @http.route(
        ["/my/events", "/my/events/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_events(self, page=1, **kwargs):
        Event = request.env["event.event"]
        partner = request.env.user.partner_id
        domain = Event._property_events_domain(partner)
        events, pager_values = self._property_paged_search(
            "event.event", domain, "/my/events", page, order="date_begin desc, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "events": events,
                "page_name": "property_event",
                "pager": pager_values,
                "default_url": "/my/events",
                "now": fields.Datetime.now(),
            }
        )
        return request.render("property_community.portal_my_property_events", values)

    def _prepare_property_event_page_values(self, event, error=None):
        partner = request.env.user.partner_id
        units = request.env["property.unit"].search(
            Domain("estate_id", "=", event.property_estate_id.id)
            & self._prepare_property_units_domain(partner)
        )
        signups = request.env["property.event.signup"].search(
            Domain("event_id", "=", event.id)
            & Domain("unit_id", "in", units.ids)
            & Domain("state", "!=", "cancelled")
        )
        photos = event.sudo().property_photo_ids if event.date_end < fields.Datetime.now() else []
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_event",
                "property_event": event,
                "units": units - signups.unit_id,
                "signups": signups,
                # Seats are counted over the registrations and tickets, which
                # owners do not read: the figures of an activity they may read.
                "open_for_signup": event.sudo()._property_is_open_for_signup(),
                "free_seats": event.sudo()._property_free_seats(),
                # Photos of an activity the user may read, shown with their tokens.
                "photos": [(photo.id, photo.generate_access_token()[0]) for photo in photos],
                "error": error,
            }
        )
        return values

    @http.route(["/my/events/<int:event_id>"], type="http", auth="user", website=True)
    def portal_my_property_event(self, event_id, **kwargs):
        try:
            self._document_check_access("event.event", event_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        event = request.env["event.event"].browse(event_id)
        values = self._prepare_property_event_page_values(event)
        return request.render("property_community.portal_my_property_event", values)

    @http.route(
        ["/my/events/<int:event_id>/signup"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_property_event_signup(self, event_id, unit_id=None, party_size=None, **post):
        try:
            self._document_check_access("event.event", event_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        event = request.env["event.event"].browse(event_id)
        partner = request.env.user.partner_id
        try:
            unit = request.env["property.unit"].browse(int(unit_id or 0)).exists()
            if not unit or not unit.has_access("read"):
                raise UserError(request.env._("Choose one of your units."))
            request.env["property.event.signup"]._sign_up(
                event, partner, unit, int(party_size or 0)
            )
        except (UserError, ValidationError, ValueError) as error:
            request.env.cr.rollback()
            message = (
                error.args[0]
                if not isinstance(error, ValueError)
                else request.env._("Give the number of people.")
            )
            values = self._prepare_property_event_page_values(event, error=message)
            return request.render("property_community.portal_my_property_event", values)
        return request.redirect(f"/my/events/{event.id}")

    @http.route(
        ["/my/events/signup/<int:signup_id>/cancel"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_property_event_cancel(self, signup_id, **post):
        try:
            self._document_check_access("property.event.signup", signup_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        signup = request.env["property.event.signup"].browse(signup_id)
        signup.action_cancel()
        return request.redirect(f"/my/events/{signup.event_id.id}")
