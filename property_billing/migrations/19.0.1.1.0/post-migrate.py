def migrate(cr, version):
    """Late fees waived before the waiver date was kept: the day of their
    last change (the waiver is the last change a waived late fee gets)."""
    cr.execute(
        """
        UPDATE property_late_fee
           SET date_waived = write_date::date
         WHERE state = 'waived'
           AND date_waived IS NULL
        """
    )
