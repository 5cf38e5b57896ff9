def migrate(cr, version):
    """Tickets closed before the first closing was recorded: their closing
    date is the best one known (a reopened ticket was not counted then)."""
    cr.execute(
        """
        UPDATE helpdesk_ticket
           SET first_closed_date = closed_date
         WHERE first_closed_date IS NULL
           AND closed_date IS NOT NULL
           AND property_state = 'closed'
        """
    )
